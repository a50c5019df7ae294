package org.manta.gpuservice;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.manta.gpu.GpuProbe;
import org.manta.mesh.common.testing.Management;

/**
 * On a machine without a CUDA device gpu-service starts, is live, is not ready (503) and says why in its
 * readiness check, and reports no device in its metrics; it opens no Kafka client (no broker is needed).
 */
@QuarkusTest
class GpuNodeTest {
    @Test
    void withoutADeviceItIsNotReadyAndSaysWhy() {
        GpuProbe.Result probe = GpuProbe.system();
        assumeFalse(probe instanceof GpuProbe.Found, "skipped: this machine has a CUDA device");
        given().get(Management.url("/q/health/live")).then().statusCode(200);
        given().get(Management.url("/q/health/ready")).then().statusCode(503)
                .body("checks.find { it.name == 'gpu-node' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'gpu-node' }.data.reason", equalTo(probe.describe()))
                .body("checks.find { it.name == 'gpu-node' }.data.device", equalTo("none"));
        given().get(Management.url("/q/metrics")).then().statusCode(200)
                .body(containsString("manta_gpu_device_present{device=\"none\"} 0.0"))
                .body(containsString("manta_gpu_device_memory_total_bytes{device=\"none\"} 0.0"));
    }
}
