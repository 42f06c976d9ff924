// Writes a valid .caios program of about N lines to stdout, for benchmarking `caios check`:
//   caios_bench_gen LINES > program.caios
// Each unit declares a type, a table, a queue, two functions and a flow using the common
// statements, with names made unique by the unit number.
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

const char* kUnit =
    R"(type Order{i} {{ id: string, customer: string, total: number, items: [Line{i}] }}
type Line{i} {{ sku: string, qty: int }}

table Orders{i}: Order{i} {{
  key id: string
}}
queue Ship{i}

function validate{i}(order: Order{i}) -> {{ ok: bool, reason?: string }} {{
  runtime python3.12
  handler "validate.handler"
  code "functions/validate"
  memory 256
  timeout 10s
}}

function reserve{i}(line: Line{i}) -> {{ reserved: bool }} {{
  runtime nodejs24.x
  handler "index.handler"
  code "functions/reserve"
}}

flow checkout{i}(order: Order{i}) -> {{ id: string, status: string }} {{
  let v = validate{i}(order) retry {{ on States.TaskFailed attempts 3 interval 2s backoff 2 }}
  if not v.ok {{
    fail Invalid("order ${{order.id}} is invalid")
  }}
  let total = order.total * 1.2 + 5
  let label = "order-${{order.id}}-${{order.customer}}"
  let results = for line in order.items concurrency 4 {{
    let r = reserve{i}(line)
    yield r.reserved
  }}
  try {{
    Orders{i}.put(order)
  }} catch States.TaskFailed as e {{
    fail SaveFailed(e.cause)
  }}
  Ship{i}.send({{ id: order.id, total: total, label: label }})
  let status = "DONE"
  if total > 1000 {{
    status = "REVIEW"
  }} else if total < 0 {{
    status = "REFUND"
  }}
  return {{ id: order.id, status: status }}
}}

)";

std::string Format(const char* tmpl, int i) {
  std::string out;
  std::string num = std::to_string(i);
  for (const char* p = tmpl; *p != '\0'; ++p) {
    if (p[0] == '{' && p[1] == '{') {
      out += '{';
      ++p;
    } else if (p[0] == '}' && p[1] == '}') {
      out += '}';
      ++p;
    } else if (p[0] == '{' && p[1] == 'i' && p[2] == '}') {
      out += num;
      p += 2;
    } else {
      out += *p;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  long lines = argc > 1 ? std::atol(argv[1]) : 1000;
  std::string unit0 = Format(kUnit, 0);
  long unit_lines = 0;
  for (char c : unit0) unit_lines += c == '\n';
  std::fputs("app bench\n\n", stdout);
  long units = std::max(1L, (lines - 2) / unit_lines);
  for (long i = 0; i < units; ++i) std::fputs(Format(kUnit, static_cast<int>(i)).c_str(), stdout);
  return 0;
}
