// Renders an API Gateway request mapping template with Apache Velocity 1.7 (the engine API
// Gateway's VTL is) and stand-ins for `$input` and `$util` that follow API Gateway's
// documented behaviour: `$util.escapeJavaScript` is commons-lang 2.6's StringEscapeUtils.
// Usage: java -cp velocity.jar:commons-lang.jar:commons-collections3.jar \
//          ApiGatewayTemplate.java TEMPLATE_FILE REQUEST_FILE
// REQUEST_FILE lines, values base64 (UTF-8): `body B`, `path K V`, `query K V`, `header K V`,
// `json PATH TEXT` (what `$input.json(PATH)` and `$input.path(PATH)` answer; a PATH without a
// line is missing: `$input.path` answers null). Prints the rendered text.
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    public String escapeJavaScript(String s) { return StringEscapeUtils.escapeJavaScript(s); }
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
    context.put("input", input);
    context.put("util", new Util());
    StringWriter out = new StringWriter();
    engine.evaluate(context, out, "template", template);
    System.out.print(out);
  }
}
