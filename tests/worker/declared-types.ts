// What js/index.d.ts declares, read with the TypeScript compiler on the Node side (vitest's
// config) and handed to the worker suite as a binding, so types.test.ts can hold the declarations
// to what the installed wasm really exports and returns.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";

export interface DeclaredTypes {
  /** Names of the values the entry exports (classes, functions, constants). */
  values: string[];
  /** Each exported function's parameter count. */
  functions: Record<string, number>;
  /** Each exported class's methods, with their parameter counts. */
  classes: Record<string, Record<string, number>>;
  /** Each exported interface's keys, `optional` listing those marked `?`. */
  interfaces: Record<string, { keys: string[]; optional: string[] }>;
}

const exported = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/**
 * Reads the declarations of the `.d.ts` at `path`, and of those it re-exports whole
 * (`export * from "./chat.js"`) where that line stands, into `declared`.
 */
export function readDeclaredTypes(
  path: string,
  declared: DeclaredTypes = { values: [], functions: {}, classes: {}, interfaces: {} },
): DeclaredTypes {
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true);
  for (const node of source.statements) {
    if (ts.isExportDeclaration(node) && !node.exportClause && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      readDeclaredTypes(join(dirname(path), node.moduleSpecifier.text.replace(/\.js$/, ".d.ts")), declared);
      continue;
    }
    if (!exported(node)) continue;
    if (ts.isVariableStatement(node)) {
      for (const declaration of node.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) declared.values.push(declaration.name.text);
      }
    } else if (ts.isFunctionDeclaration(node) && node.name) {
      declared.values.push(node.name.text);
      declared.functions[node.name.text] = node.parameters.length;
    } else if (ts.isClassDeclaration(node) && node.name) {
      declared.values.push(node.name.text);
      const methods: Record<string, number> = {};
      for (const member of node.members) {
        if (ts.isMethodDeclaration(member) && ts.isIdentifier(member.name)) {
          methods[member.name.text] = member.parameters.length;
        }
      }
      declared.classes[node.name.text] = methods;
    } else if (ts.isInterfaceDeclaration(node)) {
      const keys: string[] = [];
      const optional: string[] = [];
      // An interface that extends one declared before it has that one's keys too.
      for (const base of node.heritageClauses?.flatMap((clause) => clause.types) ?? []) {
        const inherited = declared.interfaces[base.expression.getText(source)];
        if (!inherited) throw new Error(`${node.name.text} extends an interface not declared before it`);
        keys.push(...inherited.keys);
        optional.push(...inherited.optional);
      }
      for (const member of node.members) {
        if (ts.isPropertySignature(member) && ts.isIdentifier(member.name)) {
          keys.push(member.name.text);
          if (member.questionToken) optional.push(member.name.text);
        }
      }
      declared.interfaces[node.name.text] = { keys, optional };
    }
  }
  return declared;
}
