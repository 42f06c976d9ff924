// Renders an API Gateway mapping template with Apache Velocity 1.7 (the engine API Gateway's
// VTL is) and stand-ins for `$input`, `$util` and `$context` that follow API Gateway's
// documented behaviour: `$util.escapeJavaScript` is commons-lang 2.6's StringEscapeUtils,
// `$util.parseJson` gives maps, lists, strings, numbers, booleans and null, and
// `$context.responseOverride` takes `status` and `header.NAME`.
// Usage: java -cp velocity.jar:commons-lang.jar:commons-collections3.jar \
//          ApiGatewayTemplate.java TEMPLATE_FILE REQUEST_FILE [OVERRIDES_FILE [NUMBERS]]
// REQUEST_FILE lines, values base64 (UTF-8): `body B`, `path K V`, `query K V`, `header K V`,
// `json PATH TEXT` (what `$input.json(PATH)` and `$input.path(PATH)` answer; a PATH without a
// line is missing: `$input.path` answers null). Prints the rendered text; with OVERRIDES_FILE,
// writes there the overrides the template set: `status CLASS VALUE` and `header NAME VALUE`
// (name and value base64). NUMBERS is how parseJson gives numbers: `exact` (Integer, Long or
// BigDecimal, the default) or `double` (every number a Double, as some JSON libraries do).
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.lang.StringEscapeUtils;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import java.io.StringWriter;

public class ApiGatewayTemplate {
  public static class Input {
    String body = "";
    final Map<String, String> json = new HashMap<>();
    final Map<String, Map<String, String>> params = new LinkedHashMap<>();

    Input() {
      params.put("path", new LinkedHashMap<>());
      params.put("querystring", new LinkedHashMap<>());
      params.put("header", new LinkedHashMap<>());
    }

    public String getBody() { return body; }
    public String json(String path) { return json.getOrDefault(path, ""); }
    public Object path(String path) { return json.get(path); }
    public Map<String, Map<String, String>> params() { return params; }
  }

  public static class Util {
    boolean doubles = false;

    public String escapeJavaScript(String s) { return StringEscapeUtils.escapeJavaScript(s); }
    public Object parseJson(String s) { return new Json(s, doubles).document(); }
  }

  // A strict JSON reader (RFC 8259) for `$util.parseJson`.
  static class Json {
    final String s;
    final boolean doubles;
    int at = 0;

    Json(String s, boolean doubles) {
      this.s = s;
      this.doubles = doubles;
    }

    Object document() {
      Object v = value();
      space();
      if (at != s.length()) throw new IllegalArgumentException("text after the JSON value");
      return v;
    }

    void space() {
      while (at < s.length() && " \t\r\n".indexOf(s.charAt(at)) >= 0) at++;
    }

    void expect(String word) {
      if (!s.startsWith(word, at)) throw new IllegalArgumentException("expected " + word);
      at += word.length();
    }

    Object value() {
      space();
      if (at >= s.length()) throw new IllegalArgumentException("unexpected end");
      char c = s.charAt(at);
      if (c == '{') {
        at++;
        Map<String, Object> map = new LinkedHashMap<>();
        space();
        if (s.charAt(at) == '}') {
          at++;
          return map;
        }
        while (true) {
          space();
          String key = string();
          space();
          expect(":");
          map.put(key, value());
          space();
          if (s.charAt(at) == ',') {
            at++;
            continue;
          }
          expect("}");
          return map;
        }
      }
      if (c == '[') {
        at++;
        List<Object> list = new ArrayList<>();
        space();
        if (s.charAt(at) == ']') {
          at++;
          return list;
        }
        while (true) {
          list.add(value());
          space();
          if (s.charAt(at) == ',') {
            at++;
            continue;
          }
          expect("]");
          return list;
        }
      }
      if (c == '"') return string();
      if (s.startsWith("true", at)) {
        at += 4;
        return Boolean.TRUE;
      }
      if (s.startsWith("false", at)) {
        at += 5;
        return Boolean.FALSE;
      }
      if (s.startsWith("null", at)) {
        at += 4;
        return null;
      }
      int start = at;
      while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) at++;
      String number = s.substring(start, at);
      if (number.isEmpty()) throw new IllegalArgumentException("unexpected " + c);
      if (doubles) return Double.valueOf(number);
      BigDecimal d = new BigDecimal(number);
      if (number.matches("-?[0-9]+")) {
        try {
          return Integer.valueOf(number);
        } catch (NumberFormatException e) {
          return d.longValueExact();
        }
      }
      return d;
    }

    String string() {
      expect("\"");
      StringBuilder out = new StringBuilder();
      while (true) {
        char c = s.charAt(at++);
        if (c == '"') return out.toString();
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = s.charAt(at++);
        switch (e) {
          case 'n': out.append('\n'); break;
          case 't': out.append('\t'); break;
          case 'r': out.append('\r'); break;
          case 'b': out.append('\b'); break;
          case 'f': out.append('\f'); break;
          case 'u':
            out.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
            at += 4;
            break;
          default: out.append(e);
        }
      }
    }
  }

  static String decode(String b64) {
    return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }

  public static void main(String[] args) throws Exception {
    String template = Files.readString(Path.of(args[0]));
    Input input = new Input();
    List<String> lines = Files.readAllLines(Path.of(args[1]));
    for (String line : lines) {
      if (line.isEmpty()) continue;
      String[] f = line.split(" ", -1);
      switch (f[0]) {
        case "body": input.body = decode(f[1]); break;
        case "path": input.params.get("path").put(decode(f[1]), decode(f[2])); break;
        case "query": input.params.get("querystring").put(decode(f[1]), decode(f[2])); break;
        case "header": input.params.get("header").put(decode(f[1]), decode(f[2])); break;
        case "json": input.json.put(decode(f[1]), decode(f[2])); break;
        default: throw new IllegalArgumentException("unknown line " + f[0]);
      }
    }
    VelocityEngine engine = new VelocityEngine();
    engine.setProperty("runtime.log.logsystem.class",
                       "org.apache.velocity.runtime.log.NullLogChute");
    engine.init();
    VelocityContext context = new VelocityContext();
    Util util = new Util();
    util.doubles = args.length > 3 && args[3].equals("double");
    context.put("input", input);
    context.put("util", util);
    Map<String, Object> override = new LinkedHashMap<>();
    Map<String, Object> headers = new LinkedHashMap<>();
    override.put("header", headers);
    Map<String, Object> apiContext = new HashMap<>();
    apiContext.put("responseOverride", override);
    context.put("context", apiContext);
    StringWriter out = new StringWriter();
    engine.evaluate(context, out, "template", template);
    System.out.print(out);
    if (args.length > 2) {
      StringBuilder written = new StringBuilder();
      Object status = override.get("status");
      if (status != null) {
        written.append("status ").append(status.getClass().getName()).append(' ').append(status)
            .append('\n');
      }
      Base64.Encoder b64 = Base64.getEncoder();
      for (Map.Entry<String, Object> h : headers.entrySet()) {
        written.append("header ")
            .append(b64.encodeToString(h.getKey().getBytes(StandardCharsets.UTF_8))).append(' ')
            .append(b64.encodeToString(String.valueOf(h.getValue()).getBytes(StandardCharsets.UTF_8)))
            .append('\n');
      }
      Files.writeString(Path.of(args[2]), written.toString());
    }
  }
}
