/**
 * Semantic actions of the common grammar (grammar/litmus-common.ohm): parse tree -> LitmusTest.
 * Only what needs the parse tree is checked here (numbers, register names, row widths);
 * checks.ts does the rest on the AST.
 */
import type * as ohm from 'ohm-js';
import type { Pos } from '../diag.js';
import type { Cond, Condition, InitEntry, Line, LitmusTest, Observable, Quantifier, ThreadCode, Value } from './ast.js';
import type { SourceText } from './source.js';
import { build, reject, type IsaSyntax } from './syntax.js';

/** Observables written `%name` (herd's symbolic registers) until parse.ts finds their thread. */
export const UNRESOLVED_THREAD = -1;

/** What the actions read; `src` changes with each test, so the actions are built once per ISA. */
export interface BuildContext<I> {
  src: SourceText;
  syntax: IsaSyntax<I>;
  /** Message for a cell that is not an instruction of the ISA. */
  describeBadInstr(text: string): string;
}

type Header = Pick<LitmusTest, 'arch' | 'name' | 'altName' | 'doc' | 'meta'>;

const INT64_MIN = -(2n ** 63n);
const UINT64_LIMIT = 2n ** 64n;

/** A number as written (`-5`, `0x10`), as 64-bit two's complement; must fit in 64 bits, signed or not. */
export function int64Of(node: ohm.Node): bigint {
  const text = node.sourceString;
  const negative = text.startsWith('-');
  const magnitude = BigInt(negative ? text.slice(1) : text);
  const value = negative ? -magnitude : magnitude;
  if (value < INT64_MIN || value >= UINT64_LIMIT) reject(node, `${text} does not fit in 64 bits`);
  return BigInt.asIntN(64, value);
}

/** The text of `"doc"` (whose closing quote may be missing at the end of the line). */
function docText(node: ohm.Node): string {
  return node.sourceString.replace(/^"/, '').replace(/"$/, '');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function commonActions<I>(ctx: BuildContext<I>): ohm.ActionDict<unknown> {
  const { syntax } = ctx;
  const at = (node: ohm.Node): Pos => ctx.src.pos(node.source.startIdx);
  const optional = <T>(iter: ohm.Node): T | undefined => (iter.numChildren ? build<T>(iter.child(0)) : undefined);
  const listOf = <T>(list: ohm.Node): T[] =>
    list
      .asIteration()
      .children.map((n) => build<T | undefined>(n))
      .filter((x): x is T => x !== undefined);

  return {
    Test(preamble, init, code, locations, filter, condition, _trailer) {
      const header = build<Header>(preamble);
      const cond =
        optional<Condition>(condition) ??
        // herd's reading of a test without a condition: `forall (true)`
        ({ pos: ctx.src.pos(this.source.endIdx), quantifier: 'forall', prop: { k: 'true' } } satisfies Condition);
      const test: LitmusTest<I> = {
        file: ctx.src.file,
        ...header,
        init: build<InitEntry[]>(init),
        threads: build<ThreadCode<I>[]>(code),
        locations: optional<Observable[]>(locations) ?? [],
        condition: cond,
      };
      const filterProp = optional<Cond>(filter);
      if (filterProp) test.filter = filterProp;
      return test;
    },

    // ---- preamble
    preamble(_blanks, archLine, items) {
      const header = build<Header>(archLine);
      for (const item of items.children) {
        if (item.ctorName === 'docString') header.doc ??= docText(item);
        else if (item.ctorName === 'metaLine') header.meta.push(build<{ key: string; value: string }>(item));
      }
      return header;
    },
    archLine(arch, _h, name, altPart, docPart, _h2, _end) {
      // herd7 drops a `.litmus` suffix written in the name
      const header: Header = { arch: arch.sourceString, name: name.sourceString.replace(/\.litmus$/, ''), meta: [] };
      if (altPart.numChildren) header.altName = altPart.child(0).child(1).sourceString.slice(1, -1);
      if (docPart.numChildren) header.doc = docText(docPart.child(0).child(1));
      return header;
    },
    metaLine(key, _h, _eq, value) {
      return { key: key.sourceString, value: value.sourceString.trim() };
    },

    // ---- initial state
    Init(_open, slots, _close, _semi) {
      return listOf<InitEntry>(slots);
    },
    InitSlot(entry) {
      return optional<InitEntry>(entry);
    },
    InitEntry_assign(type, target, _eq, value) {
      const entry: InitEntry = { pos: at(this), target: build<Observable>(target), value: build<Value>(value) };
      const typeName = optional<string>(type);
      if (typeName) entry.type = typeName;
      return entry;
    },
    InitEntry_decl(type, target) {
      return { pos: at(this), target: build<Observable>(target), value: { kind: 'int', value: 0n }, type: build<string>(type) };
    },
    CType(words, stars) {
      const base = words.children.map((w) => w.sourceString).join(' ');
      return stars.numChildren ? `${base} ${'*'.repeat(stars.numChildren)}` : base;
    },

    // ---- observables and values
    Target(target) {
      if (target.ctorName === 'locName') return { kind: 'loc', loc: target.sourceString, pos: at(target) } satisfies Observable;
      return build<Observable>(target);
    },
    ThreadReg(thread, _colon, reg) {
      const name = reg.sourceString;
      const canonical = syntax.normaliseReg(name);
      if (canonical === undefined) reject(reg, `unknown register '${name}' (expected ${syntax.registerHint})`);
      const id = Number(thread.sourceString.replace(/^P/, ''));
      return { kind: 'reg', thread: id, reg: canonical, pos: at(this) } satisfies Observable;
    },
    MemLoc(_open, loc, _close) {
      return { kind: 'loc', loc: loc.sourceString, pos: at(this) } satisfies Observable;
    },
    symReg(_percent, _name) {
      return { kind: 'reg', thread: UNRESOLVED_THREAD, reg: this.sourceString, pos: at(this) } satisfies Observable;
    },
    Value_int(n) {
      return { kind: 'int', value: build<bigint>(n) } satisfies Value;
    },
    Value_addr(_amp, loc) {
      return { kind: 'addr', loc: loc.sourceString } satisfies Value;
    },
    intLit(_sign, _digits) {
      return int64Of(this);
    },

    // ---- code
    Code(header, rows) {
      const names = build<{ id: number; pos: Pos }[]>(header);
      const threads: ThreadCode<I>[] = names.map(({ id, pos }) => ({ id, pos, lines: [] }));
      for (const row of rows.children) {
        const cells = row.child(0).asIteration().children;
        if (cells.length !== threads.length)
          reject(row, `row has ${plural(cells.length, 'cell')}, header has ${plural(threads.length, 'thread')}`);
        cells.forEach((cell, i) => {
          const line = build<Line<I> | undefined>(cell);
          if (line) threads[i]!.lines.push(line);
        });
      }
      return threads;
    },
    ThreadHeader(names, _semi) {
      return names.asIteration().children.map((n) => ({ id: Number(n.sourceString.slice(1)), pos: at(n) }));
    },
    Cell(label, body) {
      if (!label.numChildren && !body.numChildren) return undefined; // empty cell
      const line: Line<I> = { pos: at((label.numChildren ? label : body).child(0)) };
      const name = optional<string>(label);
      if (name !== undefined) line.label = name;
      const instr = optional<I>(body);
      if (instr) line.instr = instr;
      return line;
    },
    Label(name, _colon) {
      return name.sourceString;
    },
    CellInstr(instr, _end) {
      return { ...build<object>(instr), pos: at(instr), text: instr.sourceString };
    },
    badInstr(_chars) {
      return reject(this, ctx.describeBadInstr(this.sourceString.trim()));
    },

    // ---- after the code
    Locations(_kw, _open, slots, _close) {
      return listOf<Observable>(slots);
    },
    LocSlot(target) {
      return optional<Observable>(target);
    },
    Filter(_kw, prop) {
      return build<Cond>(prop);
    },
    Condition_quantified(quantifier, prop) {
      return { pos: at(this), quantifier: build<Quantifier>(quantifier), prop: build<Cond>(prop) } satisfies Condition;
    },
    Condition_final(_kw, prop) {
      // herd's old `final (p); with tso: ~exists; ...`: the observation of p
      return { pos: at(this), quantifier: 'exists', prop: build<Cond>(prop) } satisfies Condition;
    },
    Quantifier_exists(_kw) {
      return 'exists';
    },
    Quantifier_notExists(_tilde, _kw) {
      return '~exists';
    },
    Quantifier_forall(_kw) {
      return 'forall';
    },
    Prop_implies(a, _op, b) {
      return { k: 'implies', a: build<Cond>(a), b: build<Cond>(b) } satisfies Cond;
    },
    Disj_or(a, _op, b) {
      return { k: 'or', a: build<Cond>(a), b: build<Cond>(b) } satisfies Cond;
    },
    Conj_and(a, _op, b) {
      return { k: 'and', a: build<Cond>(a), b: build<Cond>(b) } satisfies Cond;
    },
    Unary_tilde(_op, c) {
      return { k: 'not', c: build<Cond>(c) } satisfies Cond;
    },
    Unary_not(_kw, c) {
      return { k: 'not', c: build<Cond>(c) } satisfies Cond;
    },
    Primary_paren(_open, prop, _close) {
      return build<Cond>(prop);
    },
    Primary_true(_kw) {
      return { k: 'true' } satisfies Cond;
    },
    Primary_false(_kw) {
      return { k: 'false' } satisfies Cond;
    },
    Atom(target, _eq, value) {
      return { k: 'atom', pos: at(this), lhs: build<Observable>(target), rhs: build<Value>(value) } satisfies Cond;
    },
  };
}
