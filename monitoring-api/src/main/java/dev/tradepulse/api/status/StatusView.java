package dev.tradepulse.api.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a section shows: cards, a table, or a short note. Values are plain text; the page
 * escapes them.
 */
public sealed interface StatusView permits StatusView.Cards, StatusView.Table, StatusView.Note {

    /**
     * A grid of cards.
     *
     * @param cards the cards, in display order
     * @return the view
     */
    static Cards cards(List<Card> cards) {
        return new Cards(List.copyOf(Objects.requireNonNull(cards, "cards must not be null")));
    }

    /**
     * A table.
     *
     * @param columns column headings
     * @param rows the rows, each with as many cells as there are columns
     * @return the view
     */
    static Table table(List<String> columns, List<Row> rows) {
        return new Table(List.copyOf(Objects.requireNonNull(columns, "columns must not be null")),
                List.copyOf(Objects.requireNonNull(rows, "rows must not be null")));
    }

    /**
     * A line of text, such as "details need a token" or "no alerts".
     *
     * @param text the text
     * @return the view
     */
    static Note note(String text) {
        return new Note(Objects.requireNonNull(text, "text must not be null"));
    }

    /**
     * Cards in display order.
     *
     * @param cards the cards
     */
    record Cards(List<Card> cards) implements StatusView {
    }

    /**
     * A table.
     *
     * @param columns headings
     * @param rows rows
     */
    record Table(List<String> columns, List<Row> rows) implements StatusView {
    }

    /**
     * A line of text.
     *
     * @param text the text
     */
    record Note(String text) implements StatusView {
    }

    /**
     * One card: a title, a tone with the word that names the state, labelled fields, and an
     * optional series drawn as a small line chart.
     *
     * @param title the card's title
     * @param tone the tone
     * @param state the state in words, such as {@code healthy} or {@code HALTED}
     * @param fields label to value, in display order
     * @param series values for a chart, oldest first; empty for none
     */
    record Card(String title, Tone tone, String state, Map<String, String> fields, List<Double> series) {

        /** Validates and copies. */
        public Card {
            Objects.requireNonNull(title, "title must not be null");
            Objects.requireNonNull(tone, "tone must not be null");
            Objects.requireNonNull(state, "state must not be null");
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(
                    Objects.requireNonNull(fields, "fields must not be null")));
            series = List.copyOf(Objects.requireNonNull(series, "series must not be null"));
        }

        /**
         * A card with a title and state only.
         *
         * @param title the title
         * @param tone the tone
         * @param state the state in words
         * @return the card
         */
        public static Card of(String title, Tone tone, String state) {
            return new Card(title, tone, state, Map.of(), List.of());
        }
    }

    /**
     * One table row.
     *
     * @param tone the row's tone, shown with its word in the first cell
     * @param cells the cells
     */
    record Row(Tone tone, List<String> cells) {

        /** Validates and copies. */
        public Row {
            Objects.requireNonNull(tone, "tone must not be null");
            cells = List.copyOf(Objects.requireNonNull(cells, "cells must not be null"));
        }
    }
}
