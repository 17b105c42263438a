package dev.tradepulse.runtime.internal;

import dev.tradepulse.trading.risk.Cause;
import dev.tradepulse.trading.risk.HealthRiskMapping;
import dev.tradepulse.trading.risk.HealthRiskMappingConfig;
import dev.tradepulse.trading.risk.RiskState;
import dev.tradepulse.trading.risk.RiskTarget;
import dev.tradepulse.trading.risk.TradingState;

/** A strategy's risk state as the target of the health mappings: a check lowers it under its own cause. */
final class RiskTargets {

    private RiskTargets() {
    }

    static RiskTarget of(RiskState state, HealthRiskMappingConfig mappings) {
        return new RiskTarget() {
            @Override
            public void lower(TradingState to, String cause, String reason) {
                state.restrict(cause(cause), to, reason);
            }

            @Override
            public void lift(String cause) {
                state.recover(cause(cause), "healthy again");
            }

            // Only a mapping marked as recovering may lift its own hold; the others wait for a person.
            private Cause cause(String id) {
                String prefix = HealthRiskMapping.CAUSE_PREFIX;
                if (id.startsWith(prefix)) {
                    String check = id.substring(prefix.length());
                    Cause c = Cause.health(check);
                    return mappings.mappingFor(check).map(HealthRiskMappingConfig.Mapping::recovers).orElse(false)
                            ? c.recovering() : c;
                }
                return Cause.system(id);
            }
        };
    }
}
