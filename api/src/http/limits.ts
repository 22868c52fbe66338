// Limits every operation must pass before it runs, on HTTP and WebSocket alike. The
// reporting issue adds a cost model on top; these stop the cheap attacks (deep nesting,
// alias floods, huge documents) at validation time, before any resolver runs.
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

export const LIMITS = {
  /** Deepest selection allowed; the app's deepest real query is about 10. */
  maxDepth: 15,
  /** Aliased fields per operation. */
  maxAliases: 30,
  /** Lexical tokens per document (Apollo passes it to the parser). */
  maxTokens: 5000,
  /** Request body size in bytes. */
  maxBodyBytes: 1024 * 1024,
} as const;

function limitError(en: string, ja: string, details: Record<string, number>): GraphQLError {
  return new GraphQLError(en, {
    // Apollo relabels every validation error GRAPHQL_VALIDATION_FAILED; `reason` survives and
    // formatError (http/server.ts) restores it as the code.
    extensions: { code: 'QUERY_TOO_COMPLEX', reason: 'QUERY_TOO_COMPLEX', messages: { ja, en }, ...details },
  });
}

function selectionDepth(
  set: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string>,
  depths: Map<string, number>,
): number {
  if (!set) return 0;
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(deepest, 1 + selectionDepth(selection.selectionSet, fragments, visiting, depths));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, selectionDepth(selection.selectionSet, fragments, visiting, depths));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // Cycles are reported by graphql-js's own NoFragmentCycles rule; do not recurse forever here.
      if (!fragment || visiting.has(name)) continue;
      // A fragment's depth is the same wherever it is spread: computed once, so a document that
      // spreads fragments into each other twice over (2^n paths) costs n steps, not 2^n.
      let depth = depths.get(name);
      if (depth === undefined) {
        visiting.add(name);
        depth = selectionDepth(fragment.selectionSet, fragments, visiting, depths);
        visiting.delete(name);
        depths.set(name, depth);
      }
      deepest = Math.max(deepest, depth);
    }
  }
  return deepest;
}

export function depthLimitRule(maxDepth: number = LIMITS.maxDepth) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    return {
      OperationDefinition(node) {
        const depth = selectionDepth(node.selectionSet, fragments, new Set(), new Map());
        if (depth > maxDepth) {
          context.reportError(
            limitError(
              `The query is nested ${depth} levels deep; the limit is ${maxDepth}.`,
              `クエリの入れ子が${depth}段あります。上限は${maxDepth}段です。`,
              { depth, maxDepth },
            ),
          );
        }
      },
    };
  };
}

export function aliasLimitRule(maxAliases: number = LIMITS.maxAliases) {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    let reported = false;
    return {
      Field(node) {
        if (!node.alias) return;
        aliases += 1;
        if (aliases > maxAliases && !reported) {
          reported = true;
          context.reportError(
            limitError(
              `The document uses more than ${maxAliases} aliases.`,
              `エイリアスが多すぎます（上限${maxAliases}個）。`,
              { maxAliases },
            ),
          );
        }
      },
    };
  };
}

export const validationRules = [depthLimitRule(), aliasLimitRule()];
