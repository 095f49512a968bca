// Run before the example's scripts (npm's pre-scripts): wrangler needs Node.js 22 or later, and on
// an older Node it fails with an error that does not say so. This says so, and what to do.
const [major] = process.versions.node.split(".").map(Number);
if (major < 22) {
  console.error(
    `The example runs wrangler, which needs Node.js 22 or later; this is Node.js ${process.versions.node}.\n` +
      "Install Node.js 22 or later (e.g. `nvm install 22`, or from https://nodejs.org) and run the command again.",
  );
  process.exit(1);
}
