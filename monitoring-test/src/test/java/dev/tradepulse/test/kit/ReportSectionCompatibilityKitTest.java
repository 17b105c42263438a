package dev.tradepulse.test.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.api.report.ReportSection;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The report-section kit passes a section that keeps the contract and fails each way of breaking it. */
class ReportSectionCompatibilityKitTest {

    private static ReportSection section(String title, BiFunction<Instant, Instant, String> render) {
        return new ReportSection() {
            @Override
            public String title() {
                return title;
            }

            @Override
            public String render(Instant from, Instant to) {
                return render.apply(from, to);
            }
        };
    }

    @Test
    void a_section_that_keeps_the_contract_passes_every_test() {
        KitRun run = KitRun.of(GoodReport.class);

        assertThat(run.failed()).isEmpty();
        assertThat(run.passed()).hasSize(5);
    }

    @Test
    void a_section_that_fails_on_an_empty_period_fails_that_test() {
        assertThat(KitRun.of(EmptyPeriodFails.class).failed())
                .containsExactly("it_renders_an_empty_period_and_one_before_any_data");
    }

    @Test
    void a_section_that_prints_a_secret_or_terminal_codes_fails_those_tests() {
        assertThat(KitRun.of(LeakyReport.class).failed()).containsExactlyInAnyOrder(
                "it_renders_a_period_as_plain_text_within_the_deadline", "no_report_and_no_to_string_shows_a_secret");
    }

    @Test
    void a_section_without_a_title_fails_that_test() {
        assertThat(KitRun.of(BlankTitle.class).failed()).containsExactly("its_title_is_not_blank_and_plain_text");
    }

    @Tag(KitRun.FIXTURE) // run only through KitRun, never by the build itself
    static class GoodReport extends ReportSectionCompatibilityKit {
        @Override
        protected ReportSection createSection() {
            return section("Fills", (from, to) -> from.equals(to) ? "No fills." : "Fills from " + from + " to " + to
                    + "\n\t3 fills");
        }

        @Override
        protected List<String> secrets() {
            return List.of("acct-key-123");
        }
    }

    static class EmptyPeriodFails extends GoodReport {
        @Override
        protected ReportSection createSection() {
            return section("Fills", (from, to) -> {
                if (!from.isBefore(to)) {
                    throw new IllegalArgumentException("empty period");
                }
                return "Fills: 3";
            });
        }
    }

    static class LeakyReport extends GoodReport {
        @Override
        protected ReportSection createSection() {
            return section("Fills", (from, to) -> "\u001b[31mFills\u001b[0m for account acct-key-123");
        }
    }

    static class BlankTitle extends GoodReport {
        @Override
        protected ReportSection createSection() {
            return section(" ", (from, to) -> "Fills: 3");
        }
    }
}
