package dev.tradepulse.test.kit;

import dev.tradepulse.api.status.StatusView;

/** Every text a {@link StatusView} would put on the page, joined with line breaks. */
final class StatusViews {

    private StatusViews() {
    }

    static String text(StatusView view) {
        StringBuilder b = new StringBuilder();
        if (view instanceof StatusView.Note note) {
            b.append(note.text()).append('\n');
        } else if (view instanceof StatusView.Cards cards) {
            for (StatusView.Card card : cards.cards()) {
                b.append(card.title()).append('\n').append(card.state()).append('\n');
                card.fields().forEach((k, v) -> b.append(k).append('\n').append(v).append('\n'));
                card.series().forEach(v -> b.append(v).append('\n'));
            }
        } else if (view instanceof StatusView.Table table) {
            table.columns().forEach(c -> b.append(c).append('\n'));
            table.rows().forEach(r -> r.cells().forEach(c -> b.append(c).append('\n')));
        }
        return b.toString();
    }
}
