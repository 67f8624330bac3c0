package io.casegate.delivery.boundary;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;

/** The outage and crash scenarios on the embedded H2 file database. */
class H2DeliveryResilienceIT extends DeliveryResilienceScenarios {

    @BeforeAll
    static void start() {
        startBoth("h2", Map.of("casegate.data.dir", "target/it-data/resilience-h2-" + UUID.randomUUID()));
    }
}
