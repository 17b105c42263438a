package dev.tradepulse.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradepulse.chat.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlackApiTest {

    @Test
    void retryAfterReadsWholeFractionalAndExponentSecondsAndRefusesNonsense() {
        assertThat(SlackApi.retryAfter("7")).contains(Duration.ofSeconds(7));
        assertThat(SlackApi.retryAfter(" 2.5 ")).contains(Duration.ofMillis(2500));
        assertThat(SlackApi.retryAfter("1e9")).contains(Duration.ofSeconds(1_000_000_000L));
        assertThat(SlackApi.retryAfter("1e400")).isEmpty();
        assertThat(SlackApi.retryAfter("-3")).isEmpty();
        assertThat(SlackApi.retryAfter("NaN")).isEmpty();
        assertThat(SlackApi.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT")).isEmpty();
        assertThat(SlackApi.retryAfter(null)).isEqualTo(Optional.empty());
    }

    @Test
    void aReplyCannotMentionEveryoneAndItsButtonsBecomeAnActionsBlock() {
        ObjectNode m = SlackApi.message(new Reply("halt <!channel> & <@U1>?",
                List.of(new Reply.Button("Confirm", "c:nonce1"), new Reply.Button("Cancel", "x:nonce1"))));
        assertThat(m.path("text").asText()).isEqualTo("halt &lt;!channel&gt; &amp; &lt;@U1&gt;?");
        assertThat(m.path("blocks").get(0).path("text").path("type").asText()).isEqualTo("plain_text");
        assertThat(m.path("blocks").get(1).path("type").asText()).isEqualTo("actions");
        assertThat(m.path("blocks").get(1).path("elements")).extracting(e -> e.path("value").asText())
                .containsExactly("c:nonce1", "x:nonce1");
        assertThat(SlackApi.message(Reply.text("plain")).has("blocks")).isFalse();
    }
}
