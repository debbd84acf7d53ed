// A post-build step of script/build.mjs: V8 compiles a function lazily, pre-parsing it first and
// parsing it again when it is first called, unless it is written in parentheses (V8's
// "possibly invoked function expression" heuristic: then it is compiled at once). The bundle's
// module factories that run on every start pay that twice; this wraps exactly those in
// parentheses. Which ones: the entry module and, transitively, every module a running factory
// requires from its own top level (a require inside a function it defines may never run: the
// deferred @actions/http-client is one). Compiling every factory eagerly measured slower, as
// the factories that never run are then compiled for nothing.
//
// `node script/eager-startup.mjs dist/index.js` prints the start-up factories and the ones the
// file has in parentheses, as JSON (__tests__/tooling/build.test.ts checks they match).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

const ts = createRequire(import.meta.url)('typescript')

/** webpack's module table, `var n={544:(t,n,s)=>{…},…}`: the first object of numbered functions. */
function moduleTable(file) {
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue
    const init = statement.declarationList.declarations[0]?.initializer
    const numbered = (p) => ts.isPropertyAssignment(p) && ts.isNumericLiteral(p.name)
    if (init && ts.isObjectLiteralExpression(init) && init.properties.every(numbered))
      if (init.properties.length > 0) return init
  }
  throw new Error('No webpack module table in the bundle')
}

/** The factory's function node (inside any parentheses it already has). */
function unwrap(node) {
  return ts.isParenthesizedExpression(node) ? unwrap(node.expression) : node
}

/** Module ids `factory` requires from its top level (an async module's body counts as that). */
function topLevelRequires(file, factory) {
  const require = factory.parameters[2]?.name.getText(file)
  const ids = []
  const visit = (node) => {
    const call = node.parent
    const asyncModuleBody =
      ts.isCallExpression(call) &&
      ts.isPropertyAccessExpression(call.expression) &&
      call.expression.expression.getText(file) === require &&
      call.expression.name.text === 'a'
    if (ts.isFunctionLike(node) && !asyncModuleBody) return
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === require &&
      node.arguments.length === 1 &&
      ts.isNumericLiteral(node.arguments[0])
    )
      ids.push(node.arguments[0].text)
    ts.forEachChild(node, visit)
  }
  if (factory.body) ts.forEachChild(factory.body, visit)
  return ids
}

function analyse(code) {
  const file = ts.createSourceFile('index.js', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS)
  const factories = new Map(moduleTable(file).properties.map((p) => [p.name.text, p.initializer]))
  const entry = [...code.matchAll(/__nccwpck_require__\((\d+)\)/g)].pop()?.[1]
  const startup = new Set()
  const queue = entry ? [entry] : []
  while (queue.length > 0) {
    const id = queue.pop()
    if (startup.has(id) || !factories.has(id)) continue
    startup.add(id)
    queue.push(...topLevelRequires(file, unwrap(factories.get(id))))
  }
  return { file, factories, startup }
}

/** The bundle with its start-up factories in parentheses. */
export function hintStartupFactories(code) {
  const { file, factories, startup } = analyse(code)
  const edits = [...startup]
    .map((id) => factories.get(id))
    .filter((node) => !ts.isParenthesizedExpression(node))
    .flatMap((node) => [
      [node.getStart(file), '('],
      [node.end, ')']
    ])
    .sort((a, b) => b[0] - a[0])
  let hinted = code
  for (const [at, text] of edits) hinted = hinted.slice(0, at) + text + hinted.slice(at)
  return hinted
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { factories, startup } = analyse(readFileSync(process.argv[2], 'utf8'))
  const parenthesised = [...factories].filter(([, node]) => ts.isParenthesizedExpression(node))
  console.log(
    JSON.stringify({
      factories: factories.size,
      startup: [...startup].sort(),
      parenthesised: parenthesised.map(([id]) => id).sort()
    })
  )
}
