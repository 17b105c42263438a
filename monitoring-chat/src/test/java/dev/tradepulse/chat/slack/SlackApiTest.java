package dev.tradepulse.chat.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradepulse.chat.Reply;
import dev.tradepulse.chat.internal.RetryAfter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlackApiTest {

    @Test
    void retryAfterReadsWholeFractionalAndExponentSecondsAndRefusesNonsense() {
        assertThat(RetryAfter.seconds("7")).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.seconds(" 2.5 ")).contains(Duration.ofMillis(2500));
        assertThat(RetryAfter.seconds("1e9")).contains(Duration.ofSeconds(1_000_000_000L));
        assertThat(RetryAfter.seconds("1e400")).isEmpty();
        assertThat(RetryAfter.seconds("-3")).isEmpty();
        assertThat(RetryAfter.seconds("NaN")).isEmpty();
        assertThat(RetryAfter.seconds("Wed, 21 Oct 2026 07:28:00 GMT")).isEmpty();
        assertThat(RetryAfter.seconds(null)).isEqualTo(Optional.empty());
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
