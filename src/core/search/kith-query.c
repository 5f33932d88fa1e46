/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithQuery"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-query.h"
#include "kith-store-private.h"

/*
 * The query language of the search entry, saved views and the local API: free words, key:value
 * terms, #custom fields, comparisons, negation, OR and parentheses. A query is parsed into a tree
 * and then written out as one SQL expression over a records row "r", with every value a bound
 * parameter.
 */

G_DEFINE_QUARK (kith-query-error-quark, kith_query_error)

typedef enum {
  NODE_AND,
  NODE_OR,
  NODE_NOT,
  NODE_WORD,
  NODE_TERM,
  NODE_FIELD,
} NodeType;

typedef enum {
  OP_EQ,
  OP_LT,
  OP_GT,
  OP_LE,
  OP_GE,
  OP_PRESENT,
} Op;

typedef struct _Node Node;
struct _Node {
  NodeType   type;
  guint      position;   /* 1-based, for errors */
  char      *text;       /* the term as typed */
  char      *key;        /* term key or field name */
  char      *value;
  Op         op;
  GPtrArray *children;
};

struct _KithQuery {
  Node      *root;      /* NULL for an empty query */
  GPtrArray *sources;   /* the terms every match passes that name their records through an index
                         * alone (is_id_source()), borrowed from root (split_terms()) */
  GPtrArray *rest;      /* the other terms every match passes */
};

static void
node_free (Node *node)
{
  if (node == NULL)
    return;

  g_free (node->text);
  g_free (node->key);
  g_free (node->value);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static Node *
node_new (NodeType type,
          guint    position)
{
  Node *node = g_new0 (Node, 1);

  node->type = type;
  node->position = position;
  if (type == NODE_AND || type == NODE_OR || type == NODE_NOT)
    node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);

  return node;
}

typedef enum {
  TOKEN_TERM,
  TOKEN_LPAREN,
  TOKEN_RPAREN,
  TOKEN_OR,
  TOKEN_NOT,
  TOKEN_END,
} TokenType;

typedef struct {
  TokenType  type;
  guint      position;
  char      *text;
} Token;

typedef struct {
  GArray *tokens;
  guint   next;
  guint   depth;
} Parser;

/* SQLite refuses expressions deeper than 1000 and its parser overflows at about 40 nested
 * NOTs; a query stays well below both, and fails with a position instead. */
#define MAX_TERMS 100
#define MAX_DEPTH 32

static void
token_clear (Token *token)
{
  g_free (token->text);
}

static gboolean
error_at (GError     **error,
          int          code,
          guint        position,
          const char  *format,
          ...) G_GNUC_PRINTF (4, 5);

static gboolean
error_at (GError     **error,
          int          code,
          guint        position,
          const char  *format,
          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: a problem in a search query and where it is, e.g. "… at position 7" */
  g_set_error (error, KITH_QUERY_ERROR, code, _("%s at position %u"), message, position);
  return FALSE;
}

static guint
char_position (const char *text,
               const char *at)
{
  return (guint) g_utf8_pointer_to_offset (text, at) + 1;
}

/* The end of the word at @p: at a space or parenthesis outside quotes; %NULL with @error set
 * when a quote is never closed */
static const char *
word_end (const char  *text,
          const char  *p,
          GError     **error)
{
  while (*p != '\0' && !g_ascii_isspace (*p) && *p != '(' && *p != ')')
    {
      const char *close = p + 1;

      if (*p != '"')
        {
          p++;
          continue;
        }

      /* \" is a quote inside quotes */
      while (*close != '\0' && *close != '"')
        close += close[0] == '\\' && close[1] != '\0' ? 2 : 1;
      if (*close == '\0')
        {
          error_at (error, KITH_QUERY_ERROR_SYNTAX, char_position (text, p), _("The quote is never closed"));
          return NULL;
        }
      p = close + 1;
    }

  return p;
}

static gboolean
tokenize (const char  *text,
          GArray      *tokens,
          GError     **error)
{
  const char *p = text;
  guint terms = 0;

  while (*p != '\0')
    {
      Token token = { 0 };
      const char *start;

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }

      token.position = char_position (text, p);

      if (*p == '(' || *p == ')')
        {
          token.type = *p == '(' ? TOKEN_LPAREN : TOKEN_RPAREN;
          g_array_append_val (tokens, token);
          p++;
          continue;
        }

      if (*p == '-' && (p == text || g_ascii_isspace (p[-1]) || p[-1] == '('))
        {
          if (p[1] == '\0' || g_ascii_isspace (p[1]) || p[1] == ')')
            return error_at (error, KITH_QUERY_ERROR_SYNTAX, token.position,
                             _("“-” needs the term it leaves out right after it, such as -tag:vip"));
          token.type = TOKEN_NOT;
          g_array_append_val (tokens, token);
          p++;
          continue;
        }

      start = p;
      if ((p = word_end (text, p, error)) == NULL)
        return FALSE;

      token.text = g_strndup (start, p - start);
      token.type = g_str_equal (token.text, "OR") ? TOKEN_OR : TOKEN_TERM;
      if (token.type == TOKEN_TERM && ++terms > MAX_TERMS)
        {
          token_clear (&token);
          return error_at (error, KITH_QUERY_ERROR_SYNTAX, token.position,
                           _("The query has more than %d terms"), MAX_TERMS);
        }
      g_array_append_val (tokens, token);
    }

  {
    Token end = { TOKEN_END, char_position (text, p), NULL };
    g_array_append_val (tokens, end);
  }

  return TRUE;
}

static Token *
peek (Parser *parser)
{
  return &g_array_index (parser->tokens, Token, parser->next);
}

static Token *
take (Parser *parser)
{
  Token *token = peek (parser);

  if (token->type != TOKEN_END)
    parser->next++;

  return token;
}

/* Removes the quotes of "a phrase" and of key:"a value". */
static char *
unquote (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (quoted && p[0] == '\\' && p[1] != '\0')
        g_string_append_c (out, *++p);
      else if (*p == '"')
        quoted = !quoted;
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static gboolean is_known_key (const char *key);

static gboolean
parse_op (const char **p,
          Op          *op)
{
  if (g_str_has_prefix (*p, "<="))
    *op = OP_LE, *p += 2;
  else if (g_str_has_prefix (*p, ">="))
    *op = OP_GE, *p += 2;
  else if (**p == '<')
    *op = OP_LT, *p += 1;
  else if (**p == '>')
    *op = OP_GT, *p += 1;
  else if (**p == '=' || **p == ':')
    *op = OP_EQ, *p += 1;
  else
    return FALSE;

  return TRUE;
}

/* #field, #field=value, #field<value… */
static Node *
parse_field (Token   *token,
             GError **error)
{
  const char *text = token->text;
  const char *p = text + 1;
  Node *node;

  while (g_ascii_isalnum (*p) || *p == '_')
    p++;
  if (p == text + 1)
    {
      error_at (error, KITH_QUERY_ERROR_SYNTAX, token->position,
                _("“%s” needs a field name after “#”"), text);
      return NULL;
    }

  node = node_new (NODE_FIELD, token->position);
  node->text = g_strdup (text);
  node->key = g_ascii_strdown (text + 1, p - text - 1);
  if (*p == '\0')
    node->op = OP_PRESENT;
  else if (!parse_op (&p, &node->op) || *p == '\0')
    {
      error_at (error, KITH_QUERY_ERROR_SYNTAX, token->position,
                _("“%s”: expected =, <, >, <= or >= and a value after the field name"), text);
      node_free (node);
      return NULL;
    }
  if (node->op != OP_PRESENT)
    node->value = unquote (p);
  return node;
}

static Node *
parse_term (Token   *token,
            GError **error)
{
  const char *text = token->text;
  const char *p;
  Node *node;

  if (text[0] == '#')
    return parse_field (token, error);

  /* key:value, or key<value for comparisons */
  p = text;
  while (g_ascii_isalpha (*p) || *p == '-')
    p++;
  if (p > text && (*p == ':' || ((*p == '<' || *p == '>' || *p == '=') && p[1] != '\0')) && text[0] != '"')
    {
      g_autofree char *key = g_ascii_strdown (text, p - text);

      if (!is_known_key (key))
        {
          if (*p == ':')
            {
              error_at (error, KITH_QUERY_ERROR_UNKNOWN_TERM, token->position,
                        _("Unknown term “%s:”"), key);
              return NULL;
            }
        }
      else
        {
          node = node_new (NODE_TERM, token->position);
          node->text = g_strdup (text);
          node->key = g_steal_pointer (&key);
          parse_op (&p, &node->op);
          node->value = unquote (p);
          if (*node->value == '\0')
            {
              error_at (error, KITH_QUERY_ERROR_BAD_VALUE, token->position,
                        _("“%s” needs a value"), text);
              node_free (node);
              return NULL;
            }
          return node;
        }
    }

  node = node_new (NODE_WORD, token->position);
  node->text = g_strdup (text);
  node->value = unquote (text);
  return node;
}

static Node *parse_or (Parser *parser, GError **error);
static Node *parse_unary (Parser *parser, GError **error);

typedef Node *(*ParseFunc) (Parser  *parser,
                            GError **error);

/* What "-" or "(" applies to, one level deeper: they nest at most MAX_DEPTH deep */
static Node *
parse_nested (Parser     *parser,
              ParseFunc   parse,
              GError    **error)
{
  Node *node;

  parser->depth++;
  node = parse (parser, error);
  parser->depth--;

  return node;
}

/* "-" and the term, or the terms in parentheses, it leaves out */
static Node *
parse_not (Parser  *parser,
           Token   *token,
           GError **error)
{
  Node *child = parse_nested (parser, parse_unary, error);
  Node *node;

  if (child == NULL)
    return NULL;
  node = node_new (NODE_NOT, token->position);
  g_ptr_array_add (node->children, child);

  return node;
}

static Node *
parse_parenthesis (Parser  *parser,
                   Token   *token,
                   GError **error)
{
  Node *inner = parse_nested (parser, parse_or, error);

  if (inner == NULL)
    return NULL;
  if (take (parser)->type != TOKEN_RPAREN)
    {
      node_free (inner);
      error_at (error, KITH_QUERY_ERROR_SYNTAX, token->position, _("The parenthesis is never closed"));
      return NULL;
    }

  return inner;
}

static Node *
parse_unary (Parser  *parser,
             GError **error)
{
  Token *token = take (parser);

  if ((token->type == TOKEN_NOT || token->type == TOKEN_LPAREN) && parser->depth >= MAX_DEPTH)
    {
      error_at (error, KITH_QUERY_ERROR_SYNTAX, token->position,
                _("The query nests “-” and “(” more than %d deep"), MAX_DEPTH);
      return NULL;
    }

  switch (token->type)
    {
    case TOKEN_NOT:
      return parse_not (parser, token, error);

    case TOKEN_LPAREN:
      return parse_parenthesis (parser, token, error);

    case TOKEN_TERM:
      return parse_term (token, error);

    case TOKEN_RPAREN:
      error_at (error, KITH_QUERY_ERROR_SYNTAX, token->position, _("“)” without “(”"));
      return NULL;

    case TOKEN_OR:
      error_at (error, KITH_QUERY_ERROR_SYNTAX, token->position, _("“OR” needs a term on both sides"));
      return NULL;

    case TOKEN_END:
    default:
      error_at (error, KITH_QUERY_ERROR_SYNTAX, token->position, _("A term is missing"));
      return NULL;
    }
}

static Node *
parse_and (Parser  *parser,
           GError **error)
{
  Node *node = node_new (NODE_AND, peek (parser)->position);

  while (peek (parser)->type != TOKEN_END && peek (parser)->type != TOKEN_OR &&
         peek (parser)->type != TOKEN_RPAREN)
    {
      Node *child = parse_unary (parser, error);

      if (child == NULL)
        {
          node_free (node);
          return NULL;
        }
      g_ptr_array_add (node->children, child);
    }

  if (node->children->len == 0)
    {
      error_at (error, KITH_QUERY_ERROR_SYNTAX, peek (parser)->position,
                peek (parser)->type == TOKEN_OR ? _("“OR” needs a term on both sides") : _("A term is missing"));
      node_free (node);
      return NULL;
    }

  return node;
}

static Node *
parse_or (Parser  *parser,
          GError **error)
{
  Node *first = parse_and (parser, error);
  Node *node;

  if (first == NULL)
    return NULL;
  if (peek (parser)->type != TOKEN_OR)
    return first;

  node = node_new (NODE_OR, first->position);
  g_ptr_array_add (node->children, first);
  while (peek (parser)->type == TOKEN_OR)
    {
      Node *next;

      take (parser);
      next = parse_and (parser, error);
      if (next == NULL)
        {
          node_free (node);
          return NULL;
        }
      g_ptr_array_add (node->children, next);
    }

  return node;
}

static void split_terms (KithQuery *query);

/**
 * kith_query_parse:
 *
 * Returns: (transfer full) (nullable): the parsed query, or %NULL with a %KITH_QUERY_ERROR that
 *   names the offending term and its position
 */
KithQuery *
kith_query_parse (const char  *text,
                  GError     **error)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  g_autoptr(KithQuery) query = g_new0 (KithQuery, 1);
  Parser parser = { 0 };

  g_array_set_clear_func (tokens, (GDestroyNotify) token_clear);

  if (text == NULL)
    text = "";
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, KITH_QUERY_ERROR, KITH_QUERY_ERROR_SYNTAX, _("The query is not valid UTF-8 text"));
      return NULL;
    }
  if (strlen (text) > 4096)
    {
      g_set_error_literal (error, KITH_QUERY_ERROR, KITH_QUERY_ERROR_SYNTAX,
                           _("The query is too long (at most 4096 bytes)"));
      return NULL;
    }

  if (!tokenize (text, tokens, error))
    return NULL;

  parser.tokens = tokens;
  if (peek (&parser)->type == TOKEN_END)
    {
      split_terms (query);
      return g_steal_pointer (&query);
    }

  query->root = parse_or (&parser, error);
  if (query->root == NULL)
    return NULL;

  if (peek (&parser)->type != TOKEN_END)
    {
      error_at (error, KITH_QUERY_ERROR_SYNTAX, peek (&parser)->position, _("“)” without “(”"));
      return NULL;
    }

  split_terms (query);
  return g_steal_pointer (&query);
}

void
kith_query_free (KithQuery *query)
{
  if (query == NULL)
    return;

  g_clear_pointer (&query->sources, g_ptr_array_unref);
  g_clear_pointer (&query->rest, g_ptr_array_unref);
  node_free (query->root);
  g_free (query);
}

gboolean
kith_query_is_empty (KithQuery *query)
{
  return query == NULL || query->root == NULL;
}

/* SQL */

static void
add_text (GPtrArray  *params,
          const char *text)
{
  g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_string (text)));
}

static void
add_int (GPtrArray *params,
         gint64     n)
{
  g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_int64 (n)));
}

static void
add_double (GPtrArray *params,
            double     d)
{
  g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_double (d)));
}

/* The words of @text: its runs of letters, digits and marks, as the full-text queries take them */
static GStrv
split_words (const char *text)
{
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = *p != '\0' ? g_utf8_get_char (p) : 0;

      if (c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c)))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        {
          g_strv_builder_add (words, word->str);
          g_string_truncate (word, 0);
        }
      if (c == 0)
        break;
    }

  return g_strv_builder_end (words);
}

/* Whether a word of @words is shorter than three characters */
static gboolean
has_short_word (GStrv words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (g_utf8_strlen (words[i], -1) < 3)
      return TRUE;

  return FALSE;
}

/* An FTS5 query matching every word of @text as a prefix: "ada"* "love"*; NULL when @text has
 * no word characters. Each word is an FTS5 string, so nothing in it is syntax. */
static char *
fts_prefix_query (const char *text,
                  const char *column)
{
  g_auto(GStrv) words = split_words (text);
  GString *query;

  if (words[0] == NULL)
    return NULL;

  query = g_string_new (NULL);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (query->len > 0)
        g_string_append_c (query, ' ');
      if (column != NULL)
        g_string_append_printf (query, "%s : ", column);
      g_string_append_printf (query, "\"%s\"*", words[i]);
    }

  return g_string_free (query, FALSE);
}

/* Whole words for the timeline index, each an FTS5 string; NULL when a word is shorter than
 * three characters (then the timeline is not searched). */
static char *
fts_word_query (const char *text)
{
  g_auto(GStrv) words = split_words (text);
  GString *query;

  if (words[0] == NULL || has_short_word (words))
    return NULL;

  query = g_string_new (NULL);
  for (guint i = 0; words[i] != NULL; i++)
    g_string_append_printf (query, "%s\"%s\"", query->len ? " " : "", words[i]);

  return g_string_free (query, FALSE);
}

static const char *
op_sql (Op op)
{
  switch (op)
    {
    case OP_LT: return "<";
    case OP_GT: return ">";
    case OP_LE: return "<=";
    case OP_GE: return ">=";
    case OP_EQ:
    case OP_PRESENT:
    default:    return "=";
    }
}

static const char *stage_order =
  "CASE r.stage WHEN 'lead' THEN 0 WHEN 'future' THEN 1 WHEN 'current' THEN 2 WHEN 'pending' THEN 3 "
  "WHEN 'past' THEN 4 WHEN 'won' THEN 5 WHEN 'out' THEN 6 WHEN 'lost' THEN 7 ELSE 8 END";

static const struct { const char *name; const char *key; gboolean projects; } stage_names[] = {
  { "lead", "lead", FALSE }, { "warm", "lead", FALSE }, { "new", "lead", FALSE },
  { "future", "future", FALSE }, { "potential", "future", FALSE }, { "hot", "future", FALSE },
  { "current", "current", FALSE }, { "active", "current", FALSE }, { "in-contract", "current", FALSE },
  { "in contract", "current", FALSE },
  { "past", "past", FALSE }, { "inactive", "past", FALSE }, { "closed", "past", FALSE },
  { "out", "out", FALSE }, { "lost", "out", FALSE },
  { "future", "future", TRUE }, { "potential", "future", TRUE }, { "coming-soon", "future", TRUE },
  { "current", "current", TRUE }, { "active", "current", TRUE },
  { "pending", "pending", TRUE }, { "under-contract", "pending", TRUE },
  { "won", "won", TRUE }, { "done", "won", TRUE }, { "sold", "won", TRUE },
  { "lost", "lost", TRUE }, { "withdrawn", "lost", TRUE },
};

static gboolean
parse_days (const char *value,
            gint64     *out_days)
{
  char *end = NULL;
  gint64 n = g_ascii_strtoll (value, &end, 10);
  int unit = 1;

  if (end == value || n < 0 || n > 100000)
    return FALSE;

  if (*end == '\0' || g_str_equal (end, "d"))
    unit = 1;
  else if (g_str_equal (end, "w"))
    unit = 7;
  else if (g_str_equal (end, "m"))
    unit = 30;
  else if (g_str_equal (end, "y"))
    unit = 365;
  else
    return FALSE;

  *out_days = n * unit;
  return TRUE;
}

/* How a term that names its records through a table of their values is written: as the ids it
 * names, which SQLite collects once (one range of that table's index); as a lookup per record,
 * for walking records in the order of the sort's index; or as the ids alone, to count them. */
typedef enum {
  ID_SET_IN,
  ID_SET_EXISTS,
  ID_SET_IDS,
} IdSetForm;

/* Each term's SQL: a condition on record r, with its values in @params */
typedef gboolean (*TermFunc) (Node                   *node,
                              const KithQueryContext *ctx,
                              GString                *sql,
                              GPtrArray              *params,
                              GError                **error);

/* name: and company: search their column of the full-text index by word prefixes; a word
 * without a key searches every column */
static gboolean
fts_term_to_sql (Node                   *node,
                 const KithQueryContext *ctx,
                 GString                *sql,
                 GPtrArray              *params,
                 GError                **error)
{
  g_autofree char *fts = fts_prefix_query (node->value, node->key);

  if (fts == NULL)
    {
      g_string_append (sql, "0");
      return TRUE;
    }
  g_string_append (sql, "r.id IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?)");
  add_text (params, fts);
  return TRUE;
}

/* A word: in a record's text, or in the text of its timeline */
static gboolean
word_to_sql (Node                   *node,
             const KithQueryContext *ctx,
             GString                *sql,
             GPtrArray              *params,
             GError                **error)
{
  g_autofree char *fts = fts_prefix_query (node->value, NULL);
  g_autofree char *words = NULL;

  /* Timeline text is searched by whole words of three letters or more: its index has no
   * prefix tables (they would double its size), and "a"* over a million emails would
   * read most of the index on every keystroke. */
  if (fts == NULL || (words = fts_word_query (node->value)) == NULL)
    return fts_term_to_sql (node, ctx, sql, params, error);

  g_string_append (sql, "(r.id IN (SELECT rowid FROM records_fts WHERE records_fts MATCH ?) OR "
                        "r.id IN (SELECT tp.record_id FROM timeline_fts JOIN timeline_people tp "
                        "ON tp.item_id = timeline_fts.rowid WHERE timeline_fts MATCH ?))");
  add_text (params, fts);
  add_text (params, words);
  return TRUE;
}

static gboolean
stage_to_sql (Node                   *node,
              const KithQueryContext *ctx,
              GString                *sql,
              GPtrArray              *params,
              GError                **error)
{
  g_autofree char *lower = g_utf8_strdown (node->value, -1);
  gboolean projects = ctx->kind == KITH_RECORD_PROJECT;

  for (guint i = 0; i < G_N_ELEMENTS (stage_names); i++)
    if (stage_names[i].projects == projects && g_str_equal (stage_names[i].name, lower))
      {
        g_string_append (sql, "r.stage = ?");
        add_text (params, stage_names[i].key);
        return TRUE;
      }

  /* A stage the user renamed */
  g_string_append (sql, "r.stage IN (SELECT key FROM stages WHERE name = ? COLLATE NOCASE)");
  add_text (params, node->value);
  return TRUE;
}

static gboolean
segment_to_sql (Node                   *node,
                const KithQueryContext *ctx,
                GString                *sql,
                GPtrArray              *params,
                GError                **error)
{
  g_autofree char *lower = g_utf8_strdown (node->value, -1);
  g_autofree char *singular = g_str_has_suffix (lower, "s") ? g_strndup (lower, strlen (lower) - 1) : NULL;

  g_string_append (sql, "(r.segment = ? OR r.segment = ? OR r.segment IN "
                        "(SELECT key FROM segments WHERE name = ? COLLATE NOCASE))");
  add_text (params, lower);
  add_text (params, singular != NULL ? singular : lower);
  add_text (params, node->value);
  return TRUE;
}

/* The condition on a channels row of email:@domain, a whole address, or the start of one */
static void
email_condition (Node      *node,
                 GString   *sql,
                 GPtrArray *params)
{
  g_autofree char *folded = g_utf8_casefold (node->value, -1);
  const char *at = strchr (folded, '@');

  if (folded[0] == '@')
    {
      g_string_append (sql, "type = 'email' AND substr(key, instr(key, '@') + 1) = ?");
      add_text (params, folded + 1);
    }
  else if (at != NULL && at[1] != '\0')
    {
      g_string_append (sql, "type = 'email' AND key = ?");
      add_text (params, folded);
    }
  else
    {
      /* A prefix, as a range so the index on (type, key) is used */
      g_autofree char *upper = g_strconcat (folded, "\xf4\x8f\xbf\xbf", NULL);

      g_string_append (sql, "type = 'email' AND key >= ? AND key < ?");
      add_text (params, folded);
      add_text (params, upper);
    }
}

static gboolean id_set_to_sql (Node *node, const KithQueryContext *ctx, IdSetForm form, GString *sql,
                               GPtrArray *params, GError **error);

/* email: and tag:, whose records SQLite collects once (id_set_to_sql()) */
static gboolean
id_set_term_to_sql (Node                   *node,
                    const KithQueryContext *ctx,
                    GString                *sql,
                    GPtrArray              *params,
                    GError                **error)
{
  return id_set_to_sql (node, ctx, ID_SET_IN, sql, params, error);
}

static gboolean
phone_to_sql (Node                   *node,
              const KithQueryContext *ctx,
              GString                *sql,
              GPtrArray              *params,
              GError                **error)
{
  g_autoptr(GString) digits = g_string_new ("%");

  for (const char *p = node->value; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  if (digits->len == 1)
    return error_at (error, KITH_QUERY_ERROR_BAD_VALUE, node->position,
                     _("“%s”: a phone number needs digits"), node->text);

  /* Matches the end of the number, so a national number finds the E.164 one */
  g_string_append (sql, "r.id IN (SELECT record_id FROM channels WHERE type IN ('phone','fax') "
                        "AND key LIKE ? ESCAPE '\\')");
  add_text (params, digits->str);
  return TRUE;
}

static gboolean
last_contact_to_sql (Node                   *node,
                     const KithQueryContext *ctx,
                     GString                *sql,
                     GPtrArray              *params,
                     GError                **error)
{
  gint64 days;

  if (g_ascii_strcasecmp (node->value, "never") == 0)
    {
      g_string_append (sql, "r.last_contact IS NULL");
      return TRUE;
    }
  if (!parse_days (node->value, &days))
    return error_at (error, KITH_QUERY_ERROR_BAD_VALUE, node->position,
                     _("“%s”: expected a number of days such as 30d (or w, m, y), or “never”"),
                     node->text);

  /* last-contact>30d: more than 30 days ago, or never */
  switch (node->op)
    {
    case OP_GT:
    case OP_GE:
      g_string_append_printf (sql, "(r.last_contact IS NULL OR r.last_contact %s ?)",
                              node->op == OP_GT ? "<" : "<=");
      break;
    case OP_LT:
    case OP_LE:
      g_string_append_printf (sql, "r.last_contact %s ?", node->op == OP_LT ? ">" : ">=");
      break;
    case OP_EQ:
    case OP_PRESENT:
    default:
      /* last-contact:7d — within the last 7 days */
      g_string_append (sql, "r.last_contact >= ?");
      break;
    }
  add_int (params, ctx->now_ms - days * G_GINT64_CONSTANT (86400000));
  return TRUE;
}

static gboolean
birthday_to_sql (Node                   *node,
                 const KithQueryContext *ctx,
                 GString                *sql,
                 GPtrArray              *params,
                 GError                **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (ctx->now_ms / 1000);
  g_autoptr(GDateTime) local = g_date_time_add_minutes (now, ctx->utc_offset_min);
  g_autofree char *days = NULL;
  GDate today;
  gint64 n = 0;

  if (g_ascii_strcasecmp (node->value, "this-month") == 0)
    {
      g_autofree char *month = g_date_time_format (local, "%m");

      g_string_append (sql, "(r.birthday IS NOT NULL AND substr(r.birthday, -5, 2) = ?)");
      add_text (params, month);
      return TRUE;
    }
  if (g_ascii_strcasecmp (node->value, "today") != 0 &&
      !(g_str_has_prefix (node->value, "next-") && parse_days (node->value + 5, &n) && n <= 366))
    return error_at (error, KITH_QUERY_ERROR_BAD_VALUE, node->position,
                     _("“%s”: expected today, this-month or next-7d"), node->text);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  days = kith_json_month_days (&today, (int) n);
  g_string_append (sql, "(r.birthday IS NOT NULL AND substr(r.birthday, -5) IN (SELECT value FROM json_each(?)))");
  add_text (params, days);
  return TRUE;
}

static gboolean
assigned_to_sql (Node                   *node,
                 const KithQueryContext *ctx,
                 GString                *sql,
                 GPtrArray              *params,
                 GError                **error)
{
  g_auto(GStrv) who = NULL;

  /* Me: any of the user's addresses */
  if (g_ascii_strcasecmp (node->value, "me") == 0)
    {
      if (ctx->me == NULL || *ctx->me == '\0')
        return error_at (error, KITH_QUERY_ERROR_BAD_VALUE, node->position,
                         _("“%s”: Kith does not know your address yet: add your mail account in "
                           "Preferences → Mail"), node->text);
      who = g_strsplit (ctx->me, ",", -1);
    }
  else
    {
      who = g_new0 (char *, 2);
      who[0] = g_strdup (node->value);
    }

  g_string_append (sql, "r.assignee IN (");
  for (guint i = 0; who[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_casefold (who[i], -1);

      g_string_append (sql, i > 0 ? ", ?" : "?");
      add_text (params, folded);
    }
  g_string_append_c (sql, ')');
  return TRUE;
}

/* A term is either built by @to_sql, or is @sql with its value bound to each "?" in it */
static const struct {
  const char *key;
  TermFunc    to_sql;
  const char *sql;
} terms[] = {
  { "name", fts_term_to_sql, NULL },
  { "stage", stage_to_sql, NULL },
  { "segment", segment_to_sql, NULL },
  { "step", NULL, "r.step IN (SELECT key FROM steps WHERE key = ? OR name = ? COLLATE NOCASE)" },
  /* An id set (id_set_to_sql()): its page is collected or walked by its size */
  { "tag", id_set_term_to_sql, NULL },
  { "email", id_set_term_to_sql, NULL },
  { "phone", phone_to_sql, NULL },
  { "company", fts_term_to_sql, NULL },
  { "last-contact", last_contact_to_sql, NULL },
  { "birthday", birthday_to_sql, NULL },
  { "assigned", assigned_to_sql, NULL },
};

/* The index of @key in terms, or -1 */
static int
find_term (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    if (g_str_equal (key, terms[i].key))
      return (int) i;

  return -1;
}

static gboolean
is_known_key (const char *key)
{
  return find_term (key) >= 0;
}

static gboolean
term_to_sql (Node                   *node,
             const KithQueryContext *ctx,
             GString                *sql,
             GPtrArray              *params,
             GError                **error)
{
  int i = find_term (node->key);

  g_assert (i >= 0);
  if (terms[i].to_sql != NULL)
    return terms[i].to_sql (node, ctx, sql, params, error);

  g_string_append (sql, terms[i].sql);
  for (const char *q = strchr (terms[i].sql, '?'); q != NULL; q = strchr (q + 1, '?'))
    add_text (params, node->value);
  return TRUE;
}

/* The condition on a custom_values row of a number or date field: compared as the number the
 * field stores (a date as its Julian day) */
static gboolean
field_number_condition (Node        *node,
                     const char  *type,
                     gint64       field_id,
                     GString     *sql,
                     GPtrArray   *params,
                     GError     **error)
{
  double number;
  GDate date;

  if (g_str_equal (type, "date"))
    {
      if (!kith_parse_date (node->value, FALSE, &date))
        return error_at (error, KITH_QUERY_ERROR_BAD_VALUE, node->position,
                         _("“%s”: “%s” is not a date (YYYY-MM-DD)"), node->text, node->value);
      number = g_date_get_julian (&date);
    }
  /* As the field reads a value stored in it: 500,000 and $500000 are numbers too */
  else if (!kith_fields_parse_number (type, node->value, &number))
    return error_at (error, KITH_QUERY_ERROR_BAD_VALUE, node->position,
                     _("“%s”: “%s” is not a number"), node->text, node->value);

  g_string_append_printf (sql, "field_id = ? AND num %s ?", op_sql (node->op));
  add_int (params, field_id);
  add_double (params, number);
  return TRUE;
}

/* The condition on a custom_values row of a comparison with field @node->key */
static gboolean
field_condition (Node                   *node,
                 const KithQueryContext *ctx,
                 GString                *sql,
                 GPtrArray              *params,
                 GError                **error)
{
  g_autofree char *type = NULL;
  gint64 field_id = 0;

  if (ctx->lookup_field == NULL || !ctx->lookup_field (node->key, &field_id, &type, ctx->user_data))
    return error_at (error, KITH_QUERY_ERROR_UNKNOWN_FIELD, node->position,
                     _("There is no custom field “#%s”"), node->key);

  if (g_str_equal (type, "integer") || g_str_equal (type, "decimal") || g_str_equal (type, "currency") ||
      g_str_equal (type, "date"))
    return field_number_condition (node, type, field_id, sql, params, error);

  g_string_append_printf (sql, "field_id = ? AND value %s ? COLLATE NOCASE", op_sql (node->op));
  add_int (params, field_id);
  add_text (params, node->value);
  return TRUE;
}

/* Whether @node names its records through a table of their values, with an index that finds
 * them: a comparison with a custom field (#price>500000), an email term or a tag */
static gboolean
is_id_set (Node *node)
{
  return (node->type == NODE_FIELD && node->op != OP_PRESENT) ||
         (node->type == NODE_TERM && (g_str_equal (node->key, "email") || g_str_equal (node->key, "tag")));
}

/* A tag's records, through the tag by name and the pairs by tag (record_tags_by_tag), or the
 * pair of one record by its key */
static void
tag_id_set_to_sql (Node      *node,
                   IdSetForm  form,
                   GString   *sql,
                   GPtrArray *params)
{
  if (form == ID_SET_EXISTS)
    g_string_append (sql, "EXISTS (SELECT 1 FROM tags t JOIN record_tags rt ON rt.tag_id = t.id "
                          "WHERE t.name = ? AND rt.record_id = r.id)");
  else
    g_string_append_printf (sql, "%sSELECT rt.record_id FROM tags t JOIN record_tags rt ON rt.tag_id = t.id "
                                 "WHERE t.name = ?%s",
                            form == ID_SET_IN ? "r.id IN (" : "", form == ID_SET_IN ? ")" : "");
  add_text (params, node->value);
}

static gboolean
id_set_to_sql (Node                   *node,
               const KithQueryContext *ctx,
               IdSetForm               form,
               GString                *sql,
               GPtrArray              *params,
               GError                **error)
{
  const char *table = node->type == NODE_FIELD ? "custom_values" : "channels";

  if (node->type == NODE_TERM && g_str_equal (node->key, "tag"))
    {
      tag_id_set_to_sql (node, form, sql, params);
      return TRUE;
    }

  /* The columns inside are the table's own: a subquery's names are its table's first. A
   * lookup per record goes through the index by record, named: without statistics SQLite
   * would rather scan the range of values (#price>N) for each record. */
  if (form == ID_SET_IN)
    g_string_append_printf (sql, "r.id IN (SELECT record_id FROM %s WHERE ", table);
  else if (form == ID_SET_EXISTS)
    g_string_append_printf (sql, "EXISTS (SELECT 1 FROM %s INDEXED BY %s_by_record WHERE record_id = r.id AND ",
                            table, table);
  else
    g_string_append_printf (sql, "SELECT record_id FROM %s WHERE ", table);

  if (node->type == NODE_FIELD)
    {
      if (!field_condition (node, ctx, sql, params, error))
        return FALSE;
    }
  else
    email_condition (node, sql, params);

  if (form != ID_SET_IDS)
    g_string_append_c (sql, ')');
  return TRUE;
}

static gboolean
field_to_sql (Node                   *node,
              const KithQueryContext *ctx,
              GString                *sql,
              GPtrArray              *params,
              GError                **error)
{
  g_autofree char *type = NULL;
  gint64 field_id = 0;

  if (node->op != OP_PRESENT)
    return id_set_to_sql (node, ctx, ID_SET_IN, sql, params, error);

  if (ctx->lookup_field == NULL || !ctx->lookup_field (node->key, &field_id, &type, ctx->user_data))
    return error_at (error, KITH_QUERY_ERROR_UNKNOWN_FIELD, node->position,
                     _("There is no custom field “#%s”"), node->key);

  g_string_append (sql, "EXISTS (SELECT 1 FROM custom_values cv WHERE cv.record_id = r.id AND cv.field_id = ?)");
  add_int (params, field_id);
  return TRUE;
}

/* Passed as node_to_sql()'s @walked: every id set written as a lookup per record */
static Node every_id_set;

/* @walked: the id set written as a lookup per record (ID_SET_EXISTS), &every_id_set for all of
 * them, or %NULL */
static gboolean
node_to_sql (Node                   *node,
             Node                   *walked,
             const KithQueryContext *ctx,
             GString                *sql,
             GPtrArray              *params,
             GError                **error)
{
  switch (node->type)
    {
    case NODE_AND:
    case NODE_OR:
      if (node->children->len == 1)
        return node_to_sql (g_ptr_array_index (node->children, 0), walked, ctx, sql, params, error);

      g_string_append_c (sql, '(');
      for (guint i = 0; i < node->children->len; i++)
        {
          if (i > 0)
            g_string_append (sql, node->type == NODE_AND ? " AND " : " OR ");
          if (!node_to_sql (g_ptr_array_index (node->children, i), walked, ctx, sql, params, error))
            return FALSE;
        }
      g_string_append_c (sql, ')');
      return TRUE;

    case NODE_NOT:
      g_string_append (sql, "NOT (");
      if (!node_to_sql (g_ptr_array_index (node->children, 0), walked, ctx, sql, params, error))
        return FALSE;
      g_string_append_c (sql, ')');
      return TRUE;

    case NODE_WORD:
      return word_to_sql (node, ctx, sql, params, error);

    case NODE_TERM:
    case NODE_FIELD:
      if (node == walked || (walked == &every_id_set && is_id_set (node)))
        return id_set_to_sql (node, ctx, ID_SET_EXISTS, sql, params, error);
      return node->type == NODE_TERM ? term_to_sql (node, ctx, sql, params, error)
                                     : field_to_sql (node, ctx, sql, params, error);

    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

/* The first term that every match must pass (the query itself, or one of the terms it joins
 * with AND) and that names its records through an index of their values; %NULL if none */
static Node *
find_id_set (KithQuery *query)
{
  Node *root = query->root;

  if (root == NULL)
    return NULL;
  if (root->type != NODE_AND)
    return is_id_set (root) ? root : NULL;

  for (guint i = 0; i < root->children->len; i++)
    {
      Node *child = g_ptr_array_index (root->children, i);

      if (is_id_set (child))
        return child;
    }

  return NULL;
}

/**
 * kith_query_to_sql:
 * @params: (element-type GVariant): the parameters the expression binds, in order
 *
 * Appends one SQL boolean expression over a records row "r" to @sql. With
 * @context->walk_id_set, the query's id set (kith_query_id_set_to_sql()) is written as a
 * lookup per record; the records it matches are the same.
 */
gboolean
kith_query_to_sql (KithQuery              *query,
                   const KithQueryContext *context,
                   GString                *sql,
                   GPtrArray              *params,
                   GError                **error)
{
  g_return_val_if_fail (query != NULL, FALSE);

  if (query->root == NULL)
    {
      g_string_append (sql, "1");
      return TRUE;
    }

  return node_to_sql (query->root, context->walk_id_set ? find_id_set (query) : NULL, context, sql,
                      params, error);
}

/* What id set @node (is_id_set()) is */
static KithQueryIdSet
id_set_kind (Node *node)
{
  if (node->type == NODE_FIELD)
    return KITH_QUERY_ID_SET_FIELD;
  if (g_str_equal (node->key, "tag"))
    return KITH_QUERY_ID_SET_TAG;
  return node->value[0] == '@' ? KITH_QUERY_ID_SET_DOMAIN : KITH_QUERY_ID_SET_ADDRESS;
}

/* Whether @node names its records through an index alone: a full-text index (a word, name:,
 * company:) or an index of values (is_id_set()) */
static gboolean
is_id_source (Node *node)
{
  return node->type == NODE_WORD ||
         (node->type == NODE_TERM && (g_str_equal (node->key, "name") || g_str_equal (node->key, "company"))) ||
         is_id_set (node);
}

/* Whether @node is answered from one record's own row and a lookup by its id in an index:
 * a column compared (stage:, segment:, step:, last-contact, birthday:, assigned:), a custom
 * field present, an id set written as a lookup (email:, tag:, a field compared). Not a word,
 * name:, company: or phone:, whose SQL reads a whole index or table once per statement run:
 * once per record looked up (kith_query_rest_to_sql()). */
static gboolean
is_row_term (Node *node)
{
  switch (node->type)
    {
    case NODE_AND:
    case NODE_OR:
    case NODE_NOT:
      for (guint i = 0; i < node->children->len; i++)
        if (!is_row_term (g_ptr_array_index (node->children, i)))
          return FALSE;
      return TRUE;

    case NODE_WORD:
      return FALSE;

    case NODE_TERM:
      return is_id_set (node) ||
             (!g_str_equal (node->key, "name") && !g_str_equal (node->key, "company") &&
              !g_str_equal (node->key, "phone"));

    case NODE_FIELD:
      return TRUE;

    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

/* Splits the terms every match of @query passes (the query itself, or those it joins with AND)
 * into its id sources and the rest. With no id source, or a rest that is not of row terms
 * (is_row_term()), every term is the rest: the query is not one of id sources. */
static void
split_terms (KithQuery *query)
{
  Node *root = query->root;
  Node **terms = root != NULL && root->type == NODE_AND ? (Node **) root->children->pdata : &query->root;
  guint n = root == NULL ? 0 : root->type == NODE_AND ? root->children->len : 1;

  if (query->sources != NULL)
    return;

  query->sources = g_ptr_array_new ();
  query->rest = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (is_id_source (terms[i]) ? query->sources : query->rest, terms[i]);

  for (guint i = 0; i < query->rest->len; i++)
    if (!is_row_term (g_ptr_array_index (query->rest, i)))
      {
        g_ptr_array_set_size (query->sources, 0);
        g_ptr_array_set_size (query->rest, 0);
        for (guint j = 0; j < n; j++)
          g_ptr_array_add (query->rest, terms[j]);
        break;
      }
}

/* The terms of @query that are id sources, in @out_n of them */
static Node **
get_id_sources (KithQuery *query,
                guint     *out_n)
{
  split_terms (query);
  *out_n = query->sources->len;
  return (Node **) query->sources->pdata;
}

/* Term @index of the id sources of @query, or %NULL past them */
static Node *
get_id_source (KithQuery *query,
               guint      index)
{
  guint n;
  Node **nodes = get_id_sources (query, &n);

  return index < n ? nodes[index] : NULL;
}

/**
 * kith_query_get_n_id_sources:
 *
 * Returns: how many of the terms every match of @query must pass (the query itself, or the
 *   terms it joins with AND) name their records through an index alone — a word, name:,
 *   company:, email:, tag:, a custom field compared — so that the matches are among the records
 *   every one of them names (kith_query_id_source_to_sql()); other terms may be joined to them
 *   (kith_query_has_rest())
 */
guint
kith_query_get_n_id_sources (KithQuery *query)
{
  guint n = 0;

  if (query != NULL)
    get_id_sources (query, &n);
  return n;
}

/**
 * kith_query_id_source_is_id_set:
 *
 * Returns: whether term @index of @query (kith_query_get_n_id_sources()) is its id set
 *   (kith_query_get_id_set()), the one a walk of the records looks up per record
 */
gboolean
kith_query_id_source_is_id_set (KithQuery *query,
                                guint      index)
{
  Node *node = get_id_source (query, index);

  g_return_val_if_fail (node != NULL, FALSE);

  return node == find_id_set (query);
}

/**
 * kith_query_has_rest:
 *
 * Returns: whether @query joins terms that are not id sources (kith_query_get_n_id_sources())
 *   to some that are
 */
gboolean
kith_query_has_rest (KithQuery *query)
{
  guint n = 0;

  if (query == NULL)
    return FALSE;

  get_id_sources (query, &n);
  return n > 0 && query->rest->len > 0;
}

/**
 * kith_query_rest_to_sql:
 *
 * Appends one SQL boolean expression over a records row "r" for the terms of @query that are
 * not id sources (kith_query_has_rest()), all of which a match passes besides its id sources;
 * "1" when there are none. Each is answered from the record's row and lookups by its id, so that
 * the expression costs little per record.
 */
gboolean
kith_query_rest_to_sql (KithQuery              *query,
                        const KithQueryContext *context,
                        GString                *sql,
                        GPtrArray              *params,
                        GError                **error)
{
  guint n = 0;

  get_id_sources (query, &n);
  if (query->rest->len == 0)
    {
      g_string_append (sql, "1");
      return TRUE;
    }

  for (guint i = 0; i < query->rest->len; i++)
    {
      g_string_append (sql, i > 0 ? " AND (" : "(");
      if (!node_to_sql (g_ptr_array_index (query->rest, i), &every_id_set, context, sql, params, error))
        return FALSE;
      g_string_append_c (sql, ')');
    }

  return TRUE;
}

/**
 * kith_query_id_source_to_sql:
 * @index: which of the terms kith_query_get_n_id_sources() counted
 * @part: what of the term: the ids of the records it names, or for a word the ids of those it
 *   names through their own text, or of the timeline items whose text it names
 * @out_what: (out): what the term compares when it is an id set, which may name most records
 *   (kith_query_get_id_set()); %KITH_QUERY_ID_SET_NONE for a word
 *
 * Appends "SELECT … " for the ids @part of term @index names, each at least once: records of
 * any kind, or timeline items.
 *
 * Returns: %FALSE with @error set when the term is wrong (an unknown custom field)
 */
gboolean
kith_query_id_source_to_sql (KithQuery              *query,
                             guint                   index,
                             KithQueryIdPart         part,
                             const KithQueryContext *context,
                             KithQueryIdSet         *out_what,
                             GString                *sql,
                             GPtrArray              *params,
                             GError                **error)
{
  g_autofree char *fts = NULL;
  g_autofree char *words = NULL;
  Node *node = get_id_source (query, index);

  g_return_val_if_fail (node != NULL, FALSE);

  *out_what = KITH_QUERY_ID_SET_NONE;
  if (is_id_set (node))
    {
      *out_what = id_set_kind (node);
      if (part == KITH_QUERY_IDS_ITEMS)
        {
          g_string_append (sql, "SELECT 0 WHERE 0");
          return TRUE;
        }
      return id_set_to_sql (node, context, ID_SET_IDS, sql, params, error);
    }

  /* As word_to_sql() and fts_term_to_sql() match */
  fts = fts_prefix_query (node->value, node->key);
  if (node->type == NODE_WORD && fts != NULL)
    words = fts_word_query (node->value);
  if (fts == NULL || (part == KITH_QUERY_IDS_ITEMS && words == NULL))
    {
      g_string_append (sql, "SELECT 0 WHERE 0");
      return TRUE;
    }

  if (part == KITH_QUERY_IDS_ITEMS)
    {
      g_string_append (sql, "SELECT rowid FROM timeline_fts WHERE timeline_fts MATCH ?");
      add_text (params, words);
      return TRUE;
    }

  g_string_append (sql, "SELECT rowid FROM records_fts WHERE records_fts MATCH ?");
  add_text (params, fts);
  if (part == KITH_QUERY_IDS_ALL && words != NULL)
    {
      g_string_append (sql, " UNION ALL SELECT tp.record_id FROM timeline_fts JOIN timeline_people tp "
                            "ON tp.item_id = timeline_fts.rowid WHERE timeline_fts MATCH ?");
      add_text (params, words);
    }
  return TRUE;
}

/**
 * kith_query_id_source_has_items:
 *
 * Returns: whether term @index of @query (kith_query_get_n_id_sources()) names records through
 *   the text of their timeline too (a word of three letters or more)
 */
gboolean
kith_query_id_source_has_items (KithQuery *query,
                                guint      index)
{
  g_autofree char *words = NULL;
  Node *node = get_id_source (query, index);

  g_return_val_if_fail (node != NULL, FALSE);

  if (node->type != NODE_WORD)
    return FALSE;
  words = fts_word_query (node->value);
  return words != NULL;
}

/**
 * kith_query_id_source_get_prefixes:
 * @out_column: (out) (transfer none): the column of records_fts they must be in, %NULL for any
 *
 * Returns: (transfer full) (nullable): the words term @index of @query (a word, name: or
 *   company:) names records by as prefixes in the full-text index of records alone, when one is
 *   shorter than three characters and may name a large part of them; %NULL for any other term
 */
GStrv
kith_query_id_source_get_prefixes (KithQuery   *query,
                                   guint        index,
                                   const char **out_column)
{
  g_auto(GStrv) words = NULL;
  Node *node = get_id_source (query, index);

  *out_column = NULL;
  g_return_val_if_fail (node != NULL, NULL);
  if (is_id_set (node))
    return NULL;

  /* As fts_term_to_sql() and word_to_sql() match: a word with a short one is not in the mail */
  words = split_words (node->value);
  if (words[0] == NULL || !has_short_word (words))
    return NULL;

  *out_column = node->key;
  return g_steal_pointer (&words);
}

/**
 * kith_query_get_id_set:
 *
 * Returns: what the term of @query that every match must pass and that names its records
 *   through an index of their values compares (a custom field, an email address), whose size
 *   tells how to find a page of the matches best; %KITH_QUERY_ID_SET_NONE when there is none
 */
KithQueryIdSet
kith_query_get_id_set (KithQuery *query)
{
  Node *node = query != NULL ? find_id_set (query) : NULL;

  return node != NULL ? id_set_kind (node) : KITH_QUERY_ID_SET_NONE;
}

/**
 * kith_query_is_id_set:
 *
 * Returns: whether @query is its id set (kith_query_get_id_set()) alone, so that a match
 *   needs nothing of a record but its id
 */
gboolean
kith_query_is_id_set (KithQuery *query)
{
  return query != NULL && query->root != NULL && find_id_set (query) == query->root;
}

/**
 * kith_query_id_set_to_sql:
 *
 * Appends "SELECT record_id FROM …" for the id set of @query (see kith_query_get_id_set()):
 * the ids of the records that term matches, once for each of their values that does.
 */
gboolean
kith_query_id_set_to_sql (KithQuery              *query,
                          const KithQueryContext *context,
                          GString                *sql,
                          GPtrArray              *params,
                          GError                **error)
{
  Node *node = find_id_set (query);

  g_return_val_if_fail (node != NULL, FALSE);

  return id_set_to_sql (node, context, ID_SET_IDS, sql, params, error);
}

void
kith_query_append_order (KithSort   sort,
                         KithGroup  group,
                         GString   *sql)
{
  g_string_append (sql, " ORDER BY ");

  if (group == KITH_GROUP_STAGE)
    g_string_append_printf (sql, "%s, ", stage_order);
  else if (group == KITH_GROUP_SEGMENT)
    g_string_append (sql, "r.segment IS NULL, r.segment, ");

  switch (sort)
    {
    case KITH_SORT_LAST_CONTACT:
      g_string_append (sql, "r.last_contact DESC NULLS LAST, ");
      break;
    case KITH_SORT_LAST_CHANGED:
      g_string_append (sql, "r.changed DESC, ");
      break;
    case KITH_SORT_CREATED:
      g_string_append (sql, "r.created DESC, ");
      break;
    case KITH_SORT_STAGE:
      g_string_append_printf (sql, "%s, r.sort_name, ", stage_order);
      break;
    case KITH_SORT_VALUE:
      g_string_append (sql, "r.value DESC NULLS LAST, ");
      break;
    case KITH_SORT_NAME:
    default:
      g_string_append (sql, "r.sort_name, ");
      break;
    }

  g_string_append (sql, "r.id");
}
