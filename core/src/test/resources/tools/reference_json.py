"""What the make_*_reference.py tools share: strict JSON of the values Stingray returned (Python repr floats,
non-finite numbers as strings), with the versions that made them and the time."""
import datetime
import json
import math
import sys

import numpy as np


def clean(x):
    """numpy scalars and arrays as plain JSON values; NaN and infinities as the strings "NaN", "Infinity"."""
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, np.ndarray) and x.ndim == 0:
        return clean(x[()])
    if isinstance(x, (list, tuple, np.ndarray)):
        return [clean(v) for v in x]
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return x
    return x


def write(ref, out):
    """Adds `versions` and `generated_utc` to `ref` and writes it to `out`."""
    import astropy
    import scipy
    import stingray
    ref["versions"] = {"stingray": stingray.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
                       "astropy": astropy.__version__, "python": sys.version.split()[0], "numba": "not installed"}
    ref["generated_utc"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    with open(out, "w") as f:
        json.dump(clean(ref), f, indent=1, allow_nan=False)
