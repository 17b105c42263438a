package dev.tradepulse.test.archfixture;

import dev.tradepulse.health.archfixture.HealthFixtures;

/** ModuleBoundariesTest's fixtures in the test kit: each breaks one rule on purpose. */
public final class TestKitFixtures {

    /** The test kit depends on api only (a kit for health's checks would drag health into every test). */
    public static final class KitUsesHealth {
        HealthFixtures.HealthClass health;
    }
}
