package dev.tradepulse.test.kit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradepulse.api.status.StatusSection;
import dev.tradepulse.api.status.StatusView;
import dev.tradepulse.api.status.Tone;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The status-section kit passes a section that keeps the contract and fails each way of breaking it. */
class StatusSectionCompatibilityKitTest {

    private static StatusView card(boolean details) {
        return StatusView.cards(List.of(details
                ? new StatusView.Card("feed", Tone.WARN, "degraded", Map.of("message", "lag from user-note"), List.of(1.0))
                : StatusView.Card.of("feed", Tone.WARN, "degraded")));
    }

    @Test
    void a_section_that_keeps_the_contract_passes_every_test() {
        KitRun run = KitRun.of(GoodSection.class);

        assertThat(run.failed()).isEmpty();
        assertThat(run.passed()).hasSize(6);
    }

    @Test
    void a_section_that_shows_details_without_the_token_fails_that_test() {
        assertThat(KitRun.of(DetailsForAll.class).failed())
                .containsExactly("a_view_without_the_token_shows_no_details_and_no_secrets");
    }

    @Test
    void a_section_that_shows_a_secret_in_its_to_string_fails_that_test() {
        assertThat(KitRun.of(SecretInToString.class).failed()).containsExactly("a_view_with_the_token_shows_no_secrets");
    }

    @Test
    void a_bad_anchor_a_ragged_table_and_a_blocking_view_each_fail() {
        assertThat(KitRun.of(BadAnchor.class).failed())
                .containsExactly("its_id_is_a_stable_html_anchor_and_its_title_is_not_blank");
        assertThat(KitRun.of(RaggedTable.class).failed()).containsExactly("every_table_row_has_a_cell_per_column");
        assertThat(KitRun.of(BlockingSection.class).failed()).contains("it_answers_both_views_within_the_deadline",
                "it_can_be_viewed_from_several_threads_at_once");
    }

    @Test
    void a_section_that_throws_fails() {
        assertThat(KitRun.of(ThrowingSection.class).failed()).contains("it_answers_both_views_within_the_deadline");
    }

    @Tag(KitRun.FIXTURE) // run only through KitRun, never by the build itself
    static class GoodSection extends StatusSectionCompatibilityKit {
        @Override
        protected StatusSection createSection() {
            return StatusSection.of("feeds", "Feeds", StatusSectionCompatibilityKitTest::card);
        }

        @Override
        protected List<String> detailsOnly() {
            return List.of("user-note");
        }

        @Override
        protected List<String> secrets() {
            return List.of("s3cr3t");
        }
    }

    static class DetailsForAll extends GoodSection {
        @Override
        protected StatusSection createSection() {
            return StatusSection.of("feeds", "Feeds", details -> card(true));
        }
    }

    static class SecretInToString extends GoodSection {
        @Override
        protected StatusSection createSection() {
            StatusSection inner = super.createSection();
            return new StatusSection() {
                @Override
                public String id() {
                    return inner.id();
                }

                @Override
                public String title() {
                    return inner.title();
                }

                @Override
                public StatusView view(boolean details) {
                    return inner.view(details);
                }

                @Override
                public String toString() {
                    return "Feeds[token=s3cr3t]";
                }
            };
        }
    }

    static class BadAnchor extends GoodSection {
        @Override
        protected StatusSection createSection() {
            return StatusSection.of("feeds and \"more\"", "Feeds", StatusSectionCompatibilityKitTest::card);
        }
    }

    static class RaggedTable extends GoodSection {
        @Override
        protected StatusSection createSection() {
            return StatusSection.of("feeds", "Feeds", details -> StatusView.table(List.of("name", "state"),
                    List.of(new StatusView.Row(Tone.OK, List.of("binance")))));
        }
    }

    static class BlockingSection extends GoodSection {
        @Override
        protected StatusSection createSection() {
            return StatusSection.of("feeds", "Feeds", details -> {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return card(details);
            });
        }
    }

    static class ThrowingSection extends GoodSection {
        @Override
        protected StatusSection createSection() {
            return StatusSection.of("feeds", "Feeds", details -> {
                throw new IllegalStateException("no data yet");
            });
        }
    }
}
