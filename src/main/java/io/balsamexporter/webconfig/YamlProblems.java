package io.balsamexporter.webconfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Says what is wrong with YAML that does not parse, and on which line, without the text around it.
 * The parser's own message quotes the lines it choked on, and in a web config or the exporter's
 * config file those hold a bcrypt hash, a token or a password pasted where the hash belongs.
 */
public final class YamlProblems {
  /** A quoted fragment of the input; SnakeYAML's own token names are quoted as '<...>'. */
  private static final Pattern QUOTED_INPUT = Pattern.compile("'[^'<][^']*'|'[^'<]?'");

  private static final Pattern DUPLICATE_KEY = Pattern.compile("^Duplicate field '([^']*)'");

  private YamlProblems() {}

  /** e.g. {@code ": expected <block end>, but found '<block mapping start>' (line 3)"}. */
  public static String describe(JsonProcessingException e) {
    String problem = "";
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
      String text = yaml.getProblem();
      // An alias or anchor is named after the text that follows * or &: a password may start so.
      problem =
          text.contains("alias") || text.contains("anchor")
              ? ": an alias or anchor (*name or &name) is undefined or malformed"
              : ": " + QUOTED_INPUT.matcher(text).replaceAll("'…'");
    } else if (e.getOriginalMessage() != null
        && e.getOriginalMessage().startsWith("Duplicate field")) {
      // Jackson names the key, not its value: a key is a field or user name, never a secret.
      Matcher key = DUPLICATE_KEY.matcher(e.getOriginalMessage());
      problem = key.find() ? ": the key " + key.group(1) + " is set twice" : ": a key is set twice";
    }
    var location = e.getLocation();
    return location == null ? problem : problem + " (line " + location.getLineNr() + ")";
  }
}
