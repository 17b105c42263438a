package dev.tradepulse.examples;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Layout questions asked of the live status page inside Chromium, each answered in one script
 * run so that the page's once-a-second re-render cannot tear the answer.
 */
final class PageProbe {

    /**
     * Words (runs of letters and digits, numbers with their decimal point) that the browser laid
     * out over more than one line under the elements matching a selector.
     */
    private static final String BROKEN_WORDS = """
            var out = [];
            var word = /[\\p{L}\\p{N}]+(?:[.,]\\p{N}+)*%?/gu;
            document.querySelectorAll(arguments[0]).forEach(function (root) {
              var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
              for (var n = walker.nextNode(); n; n = walker.nextNode()) {
                word.lastIndex = 0;
                var m;
                while ((m = word.exec(n.data)) !== null) {
                  var r = document.createRange();
                  r.setStart(n, m.index);
                  r.setEnd(n, m.index + m[0].length);
                  var lines = new Set(Array.from(r.getClientRects()).map(function (x) { return Math.round(x.top); }));
                  if (lines.size > 1) { out.push(m[0] + " in " + root.textContent.slice(0, 60)); }
                }
              }
            });
            return out;
            """;

    /** The texts of the elements matching a selector that the browser laid out over more than one line. */
    private static final String WRAPPED = """
            return Array.from(document.querySelectorAll(arguments[0])).filter(function (e) {
              // the line boxes of the text only: an element's own box may start above its first line
              var lines = new Set();
              var walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
              for (var n = walker.nextNode(); n; n = walker.nextNode()) {
                var r = document.createRange();
                r.selectNodeContents(n);
                Array.from(r.getClientRects()).forEach(function (x) { lines.add(Math.round(x.top)); });
              }
              return lines.size > 1;
            }).map(function (e) { return e.textContent; });
            """;

    /** Elements under a selector that stick out of the box of the element matching another. */
    private static final String OUTSIDE = """
            var box = document.querySelector(arguments[0]).getBoundingClientRect();
            var out = [];
            document.querySelectorAll(arguments[1]).forEach(function (e) {
              var r = e.getBoundingClientRect();
              if (r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5)) {
                out.push(e.tagName + " " + e.textContent.slice(0, 40) + " [" + Math.round(r.left) + ", "
                    + Math.round(r.right) + "] outside [" + Math.round(box.left) + ", " + Math.round(box.right) + "]");
              }
            });
            return out;
            """;

    /** A strategy card's chart labels and its equity field, read together. */
    private static final String CHART = """
            var card = document.querySelector(arguments[0]);
            function text(css) { var e = card.querySelector(css); return e ? e.textContent : null; }
            return { max: text("[data-spark=max]"), min: text("[data-spark=min]"), last: text("[data-spark=last]"),
              equity: text("[data-field=equity]"), guides: card.querySelectorAll("svg line.guide").length };
            """;

    /** The audit table's rows as column name to cell text. */
    private static final String AUDIT_ROWS = """
            return Array.from(document.querySelectorAll("[data-section=audit] tbody tr")).map(function (tr) {
              var row = {};
              tr.querySelectorAll("td").forEach(function (td) { row[td.getAttribute("data-label")] = td.textContent; });
              return row;
            });
            """;

    private final JavascriptExecutor js;

    PageProbe(JavascriptExecutor js) {
        this.js = js;
    }

    List<String> brokenWords(String selector) {
        return strings(js.executeScript(BROKEN_WORDS, selector));
    }

    List<String> wrapped(String selector) {
        return strings(js.executeScript(WRAPPED, selector));
    }

    List<String> outside(String box, String elements) {
        return strings(js.executeScript(OUTSIDE, box, elements));
    }

    Map<String, Object> chart(String card) {
        return map(js.executeScript(CHART, card));
    }

    List<Map<String, Object>> auditRows() {
        Object rows = js.executeScript(AUDIT_ROWS);
        return ((List<?>) rows).stream().map(PageProbe::map).toList();
    }

    double width(String selector) {
        return ((Number) js.executeScript("return document.querySelector(arguments[0]).getBoundingClientRect().width;",
                selector)).doubleValue();
    }

    /** @return the innermost elements reaching past the window's right edge, as tag#id.class: text */
    List<String> widerThanTheWindow() {
        return strings(js.executeScript("""
                const out = ['scrollWidth ' + document.documentElement.scrollWidth + ', innerWidth ' + window.innerWidth
                    + ', clientWidth ' + document.documentElement.clientWidth];
                const wide = [];
                for (const e of document.querySelectorAll('body *')) {
                  const r = e.getBoundingClientRect();
                  if (r.right > document.documentElement.clientWidth) {
                    wide.push([r.right, e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className + ' right '
                        + Math.round(r.right) + ': ' + (e.textContent || '').trim().slice(0, 40)]);
                  }
                }
                wide.sort((a, b) => b[0] - a[0]);
                return out.concat(wide.slice(0, 8).map(w => w[1]));"""));
    }

    boolean scrollsSideways() {
        return (Boolean) js.executeScript("return document.documentElement.scrollWidth > window.innerWidth;");
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
