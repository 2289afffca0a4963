package io.balsamexporter.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The README's Runbook section as a page, so that each alert's {@code runbook_url} is a link an
 * operator can open from Alertmanager or Grafana wherever the exporter is reachable, and says what
 * the running version's rules mean. Each alert's heading has the id its link names ({@code
 * /runbook#balsamapiunreachable}).
 */
final class RunbookPage {
  static final String PATH = "/runbook";

  private static final String START = "### Runbook";

  private RunbookPage() {}

  /** The page, built once from the README packed into the jar. */
  static String html() {
    try (InputStream in = RunbookPage.class.getResourceAsStream("README.md")) {
      if (in == null) {
        return page("<p>The runbook was not packed into this build; see the README.</p>");
      }
      return page(render(section(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** From the Runbook heading to the next heading of its level or above. */
  static String section(String readme) {
    int start = readme.indexOf("\n" + START + "\n");
    if (start < 0) {
      return "";
    }
    int end = readme.length();
    for (String next : new String[] {"\n## ", "\n### "}) {
      int at = readme.indexOf(next, start + START.length() + 2);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    return readme.substring(start + 1, end);
  }

  /** Headings, paragraphs and code blocks: all the section uses; the rest is shown as text. */
  static String render(String markdown) {
    StringBuilder html = new StringBuilder();
    StringBuilder paragraph = new StringBuilder();
    boolean code = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("```")) {
        flush(paragraph, html);
        html.append(code ? "</pre>\n" : "<pre>");
        code = !code;
      } else if (code) {
        html.append(escape(line)).append('\n');
      } else if (line.startsWith("#")) {
        flush(paragraph, html);
        int level = Math.min(6, line.indexOf(' ') < 0 ? 1 : line.indexOf(' '));
        String title = line.substring(level).trim();
        html.append(
            String.format("<h%d id=\"%s\">%s</h%d>%n", level, anchor(title), escape(title), level));
      } else if (line.isBlank()) {
        flush(paragraph, html);
      } else {
        paragraph.append(paragraph.isEmpty() ? "" : " ").append(line.trim());
      }
    }
    flush(paragraph, html);
    return html.toString();
  }

  /** The id GitHub gives a heading: lower case, punctuation dropped, spaces as dashes. */
  static String anchor(String title) {
    return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
  }

  private static void flush(StringBuilder paragraph, StringBuilder html) {
    if (!paragraph.isEmpty()) {
      html.append("<p>").append(inlineCode(escape(paragraph.toString()))).append("</p>\n");
      paragraph.setLength(0);
    }
  }

  private static String inlineCode(String escaped) {
    return escaped.replaceAll("`([^`]+)`", "<code>$1</code>");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String page(String body) {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>balsam-exporter runbook"
        + "</title></head>\n<body>\n"
        + body
        + "</body></html>\n";
  }
}
