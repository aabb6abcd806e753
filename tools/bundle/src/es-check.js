// Run by floor.rs with `node -e`: reads [{name, ecmaVersion, sourceType, source}] as JSON on
// stdin and parses each source with acorn at that level; prints every failure with its line.
const acorn = require(process.env.ACORN);
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  let failed = 0;
  for (const s of JSON.parse(input)) {
    try {
      acorn.parse(s.source, { ecmaVersion: s.ecmaVersion, sourceType: s.sourceType, locations: true });
      console.log(`${s.name}: parses as ECMAScript ${s.ecmaVersion} (${s.sourceType})`);
    } catch (e) {
      failed++;
      const loc = e.loc || { line: 1, column: 0 };
      const line = s.source.split("\n")[loc.line - 1] || "";
      const from = Math.max(0, loc.column - 60);
      console.log(`${s.name}: not ECMAScript ${s.ecmaVersion} (${s.sourceType}): ${e.message}\n    ${line.slice(from, loc.column + 60)}`);
    }
  }
  process.exit(failed ? 1 : 0);
});
