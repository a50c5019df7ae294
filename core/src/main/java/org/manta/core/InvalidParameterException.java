package org.manta.core;

/**
 * A parameter has a value the science cannot work with. The message names the parameter, its
 * value and what was expected, e.g. {@code dt = -1.0: expected a positive number of seconds}.
 */
public class InvalidParameterException extends MantaException {
    private final String parameter;
    private final String expected;

    public InvalidParameterException(String parameter, Object value, String expected) {
        super(parameter + " = " + value + ": expected " + expected);
        this.parameter = parameter;
        this.expected = expected;
    }

    /** Name of the offending parameter, as the user would type it (e.g. {@code dt}, {@code segment}). */
    public String parameter() {
        return parameter;
    }

    /** What was expected, as the message says it after "expected " (e.g. {@code a positive number of seconds}). */
    public String expected() {
        return expected;
    }
}
