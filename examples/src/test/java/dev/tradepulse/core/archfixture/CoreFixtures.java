package dev.tradepulse.core.archfixture;

import dev.tradepulse.health.archfixture.HealthFixtures;

/** ModuleBoundariesTest's fixtures in core: each breaks one rule on purpose. */
public final class CoreFixtures {

    /** Stands for any class of core. */
    public static final class CoreClass {
    }

    /** core must depend on api only. */
    public static final class CoreUsesHealth {
        HealthFixtures.HealthClass health;
    }
}
