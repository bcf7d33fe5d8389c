#!/usr/bin/env node
// Lint Cypher statements with Neo4j's own front end (parser and semantic analysis).
//
// stdin:  {"schema": {"labels": [...], "relationshipTypes": [...], "propertyKeys": [...]},
//          "statements": [{"id": "...", "text": "MATCH ...", "params": ["name", ...]}]}
// stdout: {"package": ..., "version": ..., "cypher": "CYPHER 5", "functions": N,
//          "procedures": N, "results": [{"id": "...", "diagnostics": [
//            {"severity": "error" | "warning" | "information" | "hint",
//             "message": ..., "line": 1-based, "column": 1-based, "offset": 0-based}]}]}
//
// Each statement is linted with exactly the parameters it is sent with, so a parameter
// it uses but is not given is an error.  Functions and procedures are Neo4j's own as the
// package records them for a Neo4j server (built-in functions; db., dbms., tx. procedures):
// no APOC, no GDS, no other engine's, so an unknown one is an error too.
//
// The semantic analysis takes a good fraction of a second per statement: the statements
// are shared out among worker threads, one per core (ORGGRAPH_LINT_WORKERS overrides).
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const PACKAGE = '@neo4j-cypher/language-support';
const CYPHER = 'CYPHER 5';
const NEO4J_PROCEDURE = /^(db|dbms|tx)\./;
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

function neo4jRegistry() {
  const dump = testData.mockSchema;
  const functions = Object.fromEntries(
    Object.entries(dump.functions[CYPHER]).filter(([, f]) => f.isBuiltIn),
  );
  const procedures = Object.fromEntries(
    Object.entries(dump.procedures[CYPHER]).filter(([name]) => NEO4J_PROCEDURE.test(name)),
  );
  return { functions, procedures };
}

function lint(text, params, base) {
  const schema = { ...base, parameters: Object.fromEntries(params.map((p) => [p, true])) };
  const { diagnostics } = lintCypherQuery(text, schema, { consoleCommandsEnabled: false });
  return diagnostics.map((d) => ({
    severity: SEVERITY[d.severity] ?? String(d.severity),
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    offset: d.offsets.start,
  }));
}

function schemaFor(input) {
  const { functions, procedures } = neo4jRegistry();
  return {
    labels: input.schema?.labels ?? [],
    relationshipTypes: input.schema?.relationshipTypes ?? [],
    propertyKeys: input.schema?.propertyKeys ?? [],
    functions: { [CYPHER]: functions },
    procedures: { [CYPHER]: procedures },
    defaultLanguage: CYPHER,
  };
}

function lintAll(statements, base) {
  // The package swallows a failure of its semantic analysis and reports nothing: make
  // sure it runs here before trusting a clean result.
  const probe = lint('RETURN undefinedVariable', [], base);
  if (!probe.some((d) => d.severity === 'error' && /not defined/.test(d.message))) {
    throw new Error(`the semantic analysis of ${PACKAGE} did not run on this Node.js`);
  }
  return statements.map((s) => ({ id: s.id, diagnostics: lint(s.text, s.params ?? [], base) }));
}

function inWorker(statements, input) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { statements, input } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code && reject(new Error(`a lint worker exited ${code}`)));
  });
}

async function main() {
  const input = JSON.parse(readFileSync(0, 'utf8'));
  const base = schemaFor(input);
  const statements = input.statements;
  const wanted = Number(process.env.ORGGRAPH_LINT_WORKERS) || availableParallelism();
  const workers = Math.min(wanted, Math.floor(statements.length / 8));
  let results;
  if (workers < 2) {
    results = lintAll(statements, base); // a worker costs a second load of the package
  } else {
    const shares = Array.from({ length: workers }, () => []);
    statements.forEach((s, i) => shares[i % workers].push(s));
    results = (await Promise.all(shares.map((share) => inWorker(share, input)))).flat();
  }
  const manifest = new URL(`./node_modules/${PACKAGE}/package.json`, import.meta.url);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8'));
  process.stdout.write(
    JSON.stringify({
      package: PACKAGE,
      version,
      cypher: CYPHER,
      functions: Object.keys(base.functions[CYPHER]).length,
      procedures: Object.keys(base.procedures[CYPHER]).length,
      results,
    }),
  );
}

if (isMainThread) {
  main().catch((error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(3);
  });
} else {
  parentPort.postMessage(lintAll(workerData.statements, schemaFor(workerData.input)));
}
