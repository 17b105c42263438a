package dev.tradepulse.compliance.archfixture;

import dev.tradepulse.alerts.archfixture.AlertsFixtures;
import dev.tradepulse.health.archfixture.HealthFixtures;

/** ModuleBoundariesTest's fixtures in compliance: each breaks one rule on purpose. */
public final class ComplianceFixtures {

    /** Stands for any class of compliance. */
    public static final class ComplianceClass {
    }

    /** compliance does not depend on alerts. */
    public static final class ComplianceUsesAlerts {
        AlertsFixtures.AlertsClass alerts;
    }

    /** compliance does not depend on health. */
    public static final class ComplianceUsesHealth {
        HealthFixtures.HealthClass health;
    }
}
