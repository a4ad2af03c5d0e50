import type { ApolloServerPlugin } from '@apollo/server';
import { type ASTNode, type DocumentNode, GraphQLError, Kind, visit } from 'graphql';
import { ErrorCode } from '../errors/error-code.js';
import { RequestError } from '../errors/request-errors.js';

/** NUL, or half of a UTF-16 surrogate pair without its other half. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when PostgreSQL can store `text` (a text column refuses NUL; lone surrogates are not UTF-8). */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** The first string (value or object key) anywhere in `value` that cannot be stored, with its path. */
function findUnstorable(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path;
  if (!value || typeof value !== 'object' || depth > 64) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorable(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (!isStorableText(key)) return `${path} (a key)`;
    const found = findUnstorable(inner, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** The first string literal of the document that cannot be stored, named by its argument path. */
function findUnstorableLiteral(document: DocumentNode): string | undefined {
  let found: string | undefined;
  visit(document, {
    StringValue(node, _key, _parent, _path, ancestors) {
      if (found || isStorableText(node.value)) return;
      const names = (ancestors as readonly (ASTNode | readonly ASTNode[])[])
        .filter((ancestor): ancestor is ASTNode => !Array.isArray(ancestor) && 'kind' in ancestor)
        .filter((ancestor) => ancestor.kind === Kind.ARGUMENT || ancestor.kind === Kind.OBJECT_FIELD || ancestor.kind === Kind.FIELD)
        .map((ancestor) => (ancestor as { name: { value: string } }).name.value);
      found = names.join('.') || 'a string';
    },
  });
  return found;
}

function refuse(where: string): GraphQLError {
  return new GraphQLError(`${where} contains a NUL character or a lone UTF-16 surrogate, which cannot be stored`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, reason: RequestError.INVALID_CHARACTERS, http: { status: 400 } },
  });
}

/**
 * Refuses, before anything runs, a request whose arguments hold text the database cannot store:
 * NUL or a lone surrogate in any string, in the document's literals or in the variables (nested
 * input objects, lists and JSON values, keys included). One rule for every argument, present
 * and future, instead of a check per field; without it such text reached PostgreSQL and came
 * back as INTERNAL_SERVER_ERROR.
 */
export function inputGuardPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const inVariables = findUnstorable(request.variables ?? {}, 'variables');
          if (inVariables) throw refuse(inVariables);
          const inLiterals = findUnstorableLiteral(document);
          if (inLiterals) throw refuse(inLiterals);
        },
      };
    },
  };
}
