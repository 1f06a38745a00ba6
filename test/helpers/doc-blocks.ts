/**
 * @module The code blocks of the user docs (README.md and docs/*.md), for the doc tests: extraction,
 * and the rewrite that turns each value a comment shows (`parseCookie('a=1'); // { a: '1' }`) into
 * a check the executed block runs. CONTRIBUTING.md ("Writing docs") states the conventions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

export const ROOT = resolve(import.meta.dirname, '../..');

/** One fenced block of a Markdown file. */
export interface DocBlock {
  /** `README.md` or `docs/x.md`, relative to the repository. */
  readonly file: string;
  /** The 1-based line of the block's first line of code. */
  readonly line: number;
  /** The fence's language (`ts`, `console`, ...). */
  readonly lang: string;
  /** The code, with the indentation of the fence removed. */
  readonly code: string;
}

/** README.md, then every docs/*.md, by name. */
export function docFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs];
}

/**
 * Every fenced block of a Markdown file (fences may be indented, as inside a list item).
 *
 * @example
 * ```ts
 * extractBlocks('README.md').filter((b) => b.lang === 'ts');
 * ```
 */
export function extractBlocks(file: string): DocBlock[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)(`{3,})([\w-]*)/.exec(lines[i] ?? '');
    if (!open) continue;
    const [, indent = '', fence = '', lang = ''] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const text = lines[j] ?? '';
      if (text.trim() === fence && text.startsWith(indent)) break;
      body.push(text.startsWith(indent) ? text.slice(indent.length) : text.trimStart());
    }
    blocks.push({ file, line: i + 2, lang, code: body.join('\n') });
    i = j;
  }
  return blocks;
}

/** A value a comment shows, and where. */
export interface ShownValue {
  /** 1-based line in the block. */
  readonly line: number;
  /** The literal as written in the comment. */
  readonly expected: string;
}

/** The block rewritten with a `__doc.check(...)` after each statement whose comment shows a value. */
export interface Instrumented {
  readonly code: string;
  readonly checks: ShownValue[];
}

const LITERAL_KINDS = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.TrueKeyword,
  ts.SyntaxKind.FalseKeyword,
  ts.SyntaxKind.NullKeyword,
  ts.SyntaxKind.ArrayLiteralExpression,
  ts.SyntaxKind.ObjectLiteralExpression,
]);

/** Is this expression made of literals only (a value, not prose or a call)? */
function isLiteral(node: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(node)) return isLiteral(node.expression);
  if (ts.isIdentifier(node)) return node.text === 'undefined';
  if (ts.isPrefixUnaryExpression(node)) {
    return node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand);
  }
  if (ts.isNewExpression(node)) {
    // new Date('2015-10-21T07:28:00.000Z'), new Map([...]): values with a constructor.
    return (
      ts.isIdentifier(node.expression) &&
      ['Date', 'Map', 'Set', 'Uint8Array'].includes(node.expression.text) &&
      (node.arguments ?? []).every(isLiteral)
    );
  }
  if (!LITERAL_KINDS.has(node.kind)) return false;
  if (ts.isArrayLiteralExpression(node)) return node.elements.every(isLiteral);
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.every((p) => ts.isPropertyAssignment(p) && isLiteral(p.initializer));
  }
  return true;
}

/** The comment text parsed as one literal expression, or undefined when it is prose. */
export function parseShownValue(text: string): string | undefined {
  const source = ts.createSourceFile('shown.ts', `(${text});`, ts.ScriptTarget.ES2022, true);
  const diagnostics = (source as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics;
  if (diagnostics.length > 0 || source.statements.length !== 1) return undefined;
  const statement = source.statements[0];
  if (statement === undefined || !ts.isExpressionStatement(statement)) return undefined;
  return isLiteral(statement.expression) ? text.trim() : undefined;
}

/** The `//` comment ending line `index` (0-based), and the comment-only lines below it. */
function commentAfter(lines: readonly string[], index: number, column: number): string[] {
  const parts: string[] = [];
  // Search from the statement's end, so a `//` inside one of its strings is not taken.
  const first = lines[index] ?? '';
  const at = first.indexOf('//', column);
  if (at >= 0) parts.push(first.slice(at + 2).trim());
  for (let i = index + 1; i < lines.length; i++) {
    const below = /^\s*\/\/ ?(.*)$/.exec(lines[i] ?? '');
    if (!below) break;
    parts.push((below[1] ?? '').trim());
  }
  return parts;
}

/**
 * Finds, at any depth, each expression statement or single `const`/`let` declaration whose
 * comment (at the end of its last line, continued by comment-only lines below, or only on the
 * lines below) is a literal, and adds a check of the statement's value (or the declared name's)
 * right after it. Comments that are not literals are prose and are left alone.
 *
 * @example
 * ```ts
 * instrument("stringifyCookie({ a: 'b c' }); // 'a=b%20c'").checks; // [{ line: 1, expected: "'a=b%20c'" }]
 * ```
 */
export function instrument(code: string): Instrumented {
  const source = ts.createSourceFile('block.ts', code, ts.ScriptTarget.ES2022, true);
  const lines = code.split('\n');
  const inserts: { pos: number; text: string; replaceFrom?: number }[] = [];
  const checks: ShownValue[] = [];

  const visit = (node: ts.Node): void => {
    let target: string | undefined;
    let expression: ts.Expression | undefined;
    if (ts.isExpressionStatement(node)) {
      expression = node.expression;
    } else if (ts.isVariableStatement(node)) {
      const [only, ...more] = node.declarationList.declarations;
      if (only !== undefined && more.length === 0 && ts.isIdentifier(only.name)) {
        target = only.name.text;
      }
    }
    if (expression !== undefined || target !== undefined) {
      const end = source.getLineAndCharacterOfPosition(node.getEnd());
      const parts = commentAfter(lines, end.line, end.character);
      // The longest run of comment lines that reads as one literal wins.
      for (let n = parts.length; n > 0; n--) {
        const shown = parseShownValue(parts.slice(0, n).join(' '));
        if (shown === undefined) continue;
        const line = end.line + 1;
        checks.push({ line, expected: shown });
        const id = checks.length - 1;
        if (expression !== undefined) {
          // `expr;` becomes `__doc.check(id, (expr), shown);`: the value is the statement's.
          inserts.push({
            pos: expression.getStart(source),
            replaceFrom: expression.getEnd(),
            text: `__doc.check(${id}, (${expression.getText(source)}), ${shown})`,
          });
        } else {
          inserts.push({ pos: node.getEnd(), text: ` __doc.check(${id}, ${target}, ${shown});` });
        }
        break;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  let out = code;
  for (const insert of inserts.sort((a, b) => b.pos - a.pos)) {
    out = out.slice(0, insert.pos) + insert.text + out.slice(insert.replaceFrom ?? insert.pos);
  }
  return { code: out, checks };
}

/** One command of a `console` block, with the output and exit status it shows. */
export interface ShownCommand {
  /** 1-based line in the Markdown file. */
  readonly line: number;
  /** The command line, without `$ `. */
  readonly command: string;
  readonly output: string;
  readonly exitCode: number;
}

/**
 * The commands of a `console` block: `$ command`, then its output, then `# exit status N` when it is
 * not 0.
 *
 * @example
 * ```ts
 * consoleCommands({ file: 'x.md', line: 1, lang: 'console', code: '$ shortbread parse a=1\n...' });
 * ```
 */
export function consoleCommands(block: DocBlock): ShownCommand[] {
  const commands: ShownCommand[] = [];
  const lines = block.code.split('\n');
  let current: { line: number; command: string; output: string[]; exitCode: number } | undefined;
  const flush = () => {
    if (current) commands.push({ ...current, output: current.output.join('\n') });
  };
  lines.forEach((text, index) => {
    if (text.startsWith('$ ')) {
      flush();
      current = { line: block.line + index, command: text.slice(2), output: [], exitCode: 0 };
      return;
    }
    const status = /^# exit status (\d+)$/.exec(text);
    if (current && status) {
      current.exitCode = Number(status[1]);
      return;
    }
    current?.output.push(text);
  });
  flush();
  return commands;
}
