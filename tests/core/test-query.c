/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <sqlite3.h>

#include "kith-statement.h"
#include "kith-test-util.h"

static gboolean
no_fields (const char  *key,
           gint64      *out_id,
           char       **out_type,
           gpointer     user_data)
{
  return FALSE;
}

/* The SQL and parameters of a query, with a fixed context */
static char *
to_sql (const char *text,
        GPtrArray  *params,
        GError    **error)
{
  g_autoptr(KithQuery) query = kith_query_parse (text, error);
  g_autoptr(GString) sql = g_string_new (NULL);
  KithQueryContext ctx = { KITH_RECORD_PERSON, G_GINT64_CONSTANT (1795435200000), 0, "me@kith.example", no_fields, NULL };

  if (query == NULL || !kith_query_to_sql (query, &ctx, sql, params, error))
    return NULL;

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static void
test_errors (void)
{
  static const struct { const char *query; int code; guint position; const char *term; } cases[] = {
    { "ada (lovelace", KITH_QUERY_ERROR_SYNTAX, 5, NULL },
    { "ada )", KITH_QUERY_ERROR_SYNTAX, 5, NULL },
    { "ada OR", KITH_QUERY_ERROR_SYNTAX, 7, NULL },
    { "OR ada", KITH_QUERY_ERROR_SYNTAX, 1, NULL },
    { "name:\"Ada", KITH_QUERY_ERROR_SYNTAX, 6, NULL },
    { "stage:active colour:red", KITH_QUERY_ERROR_UNKNOWN_TERM, 14, "colour" },
    { "last-contact>abc", KITH_QUERY_ERROR_BAD_VALUE, 1, "last-contact>abc" },
    { "birthday:next-q", KITH_QUERY_ERROR_BAD_VALUE, 1, "birthday:next-q" },
    { "#price>500000", KITH_QUERY_ERROR_UNKNOWN_FIELD, 1, "#price" },
    { "# x", KITH_QUERY_ERROR_SYNTAX, 1, "#" },
    { "tag:", KITH_QUERY_ERROR_BAD_VALUE, 1, "tag:" },
    { "phone:abc", KITH_QUERY_ERROR_BAD_VALUE, 1, "phone:abc" },
    { "()", KITH_QUERY_ERROR_SYNTAX, 2, NULL },
    { "-", KITH_QUERY_ERROR_SYNTAX, 1, "-" },
    { "ada -", KITH_QUERY_ERROR_SYNTAX, 5, "-" },
    { "ada - lovelace", KITH_QUERY_ERROR_SYNTAX, 5, "-" },
    { "(-)", KITH_QUERY_ERROR_SYNTAX, 2, "-" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
      g_autoptr(GError) error = NULL;
      g_autofree char *sql = to_sql (cases[i].query, params, &error);
      g_autofree char *at = g_strdup_printf ("position %u", cases[i].position);

      g_test_message ("%s → %s", cases[i].query, error ? error->message : "(no error)");
      g_assert_null (sql);
      g_assert_error (error, KITH_QUERY_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, at));
      if (cases[i].term != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].term));
    }
}

static void
test_values_are_bound (void)
{
  static const char *queries[] = {
    "\"robert'); DROP TABLE records; --\"",
    "name:\"O'Brien\"",
    "tag:'x' OR segment:\"y\\\"\"",
    "email:@evil.com' OR 1=1",
    "step:\"send cma\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
      g_autoptr(GError) error = NULL;
      g_autofree char *sql = to_sql (queries[i], params, &error);

      g_assert_no_error (error);
      g_assert_null (strstr (sql, "DROP"));
      g_assert_null (strstr (sql, "O'Brien"));
      g_assert_null (strstr (sql, "evil"));
      g_assert_null (strstr (sql, "send cma"));
      g_assert_cmpuint (params->len, >, 0);
    }
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autofree char *sql = to_sql ("   ", params, NULL);

  g_assert_cmpstr (sql, ==, "1");
  g_assert_cmpuint (params->len, ==, 0);
}

/* A small world to search */
static KithTestStore *
world (gint64 *ids)
{
  KithTestStore *t = kith_test_store_new ();
  g_autoptr(KithFieldDefinition) field = kith_field_definition_new (KITH_RECORD_PERSON, "Price", "currency");
  g_autoptr(KithFieldDefinition) closing = kith_field_definition_new (KITH_RECORD_PERSON, "Closing date", "date");
  g_autoptr(KithFieldDefinition) source =
    g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", "Lead source", "field-type", "pick",
                  "options", (const char *[]) { "Zillow", "Referral", NULL }, NULL);
  g_autoptr(KithFieldDefinition) pool = kith_field_definition_new (KITH_RECORD_PERSON, "Has pool", "text");

  g_assert_true (kith_relationship_apply_preset (t->store, "realestate", NULL));
  g_assert_true (kith_store_set_setting (t->store, "me", "me@kith.example", NULL));
  g_assert_cmpint (kith_fields_add (t->store, field, NULL), >, 0);
  g_assert_cmpint (kith_fields_add (t->store, closing, NULL), >, 0);
  g_assert_cmpint (kith_fields_add (t->store, source, NULL), >, 0);
  g_assert_cmpint (kith_fields_add (t->store, pool, NULL), >, 0);

  ids[0] = kith_test_create (t, KITH_RECORD_PERSON,
                             "{\"name\": \"Ada Lovelace\", \"emails\": [\"ada@acme.com\"], \"segment\": \"customer\","
                             " \"stage\": \"current\", \"keywords\": [\"holiday-card\", \"vip\"], \"birthday\": \"1815-11-25\","
                             " \"assignee\": \"me@kith.example\", \"phones\": [\"+1 415 555 2671\"],"
                             " \"customFields\": [{\"id\": \"price\", \"value\": 750000}, {\"id\": \"lead_source\", \"value\": \"Zillow\"},"
                             " {\"id\": \"closing_date\", \"value\": \"2026-12-15\"}, {\"id\": \"has_pool\", \"value\": \"yes\"}]}");
  ids[1] = kith_test_create (t, KITH_RECORD_PERSON,
                             "{\"name\": \"Charles Babbage\", \"emails\": [\"charles@acme.com\"], \"segment\": \"custom1\","
                             " \"stage\": \"lead\", \"step\": \"Send CMA\", \"keywords\": [\"vip\"],"
                             " \"customFields\": [{\"id\": \"price\", \"value\": 300000}, {\"id\": \"closing_date\", \"value\": \"2027-03-01\"}]}");
  ids[2] = kith_test_create (t, KITH_RECORD_PERSON,
                             "{\"name\": \"Zoë Ørsted\", \"emails\": [\"zoe@elsewhere.org\"], \"segment\": \"friend\","
                             " \"notes\": \"Sailing on Sundays\", \"stage\": \"past\"}");
  t->now -= G_GINT64_CONSTANT (86400000) * 40;
  {
    g_autoptr(JsonObject) call = kith_test_json ("{\"style\": \"call\", \"participants\": [\"charles@acme.com\"], \"subject\": \"Talked about the analytical engine\"}");
    g_assert_cmpint (kith_store_add_timeline_item (t->store, call, NULL, NULL), >, 0);
  }
  t->now += G_GINT64_CONSTANT (86400000) * 38;
  {
    g_autoptr(JsonObject) mail = kith_test_json ("{\"style\": \"email\", \"from\": \"ada@acme.com\", \"subject\": \"Offer\"}");
    g_assert_cmpint (kith_store_add_timeline_item (t->store, mail, NULL, NULL), >, 0);
  }
  t->now += G_GINT64_CONSTANT (86400000) * 2;

  return t;
}

static void
assert_finds (KithTestStore *t,
              const char    *query,
              const gint64  *expected,
              guint          n_expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = kith_store_find (t->store, KITH_RECORD_PERSON, query, KITH_SORT_NAME, KITH_GROUP_NONE,
                                           0, G_MAXUINT, NULL, &error);

  g_test_message ("%s", query);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);
}

static void
test_finds (void)
{
  gint64 id[3];
  g_autoptr(KithTestStore) t = world (id);
  gint64 ada[] = { id[0] }, charles[] = { id[1] }, zoe[] = { id[2] };
  gint64 ada_charles[] = { id[0], id[1] };
  gint64 charles_zoe[] = { id[1], id[2] };
  gint64 ada_zoe[] = { id[0], id[2] };

  assert_finds (t, "", (gint64[]) { id[0], id[1], id[2] }, 3);
  assert_finds (t, "ada", ada, 1);
  assert_finds (t, "lov", ada, 1);
  assert_finds (t, "zoe", zoe, 1);                       /* diacritics folded */
  assert_finds (t, "sailing", zoe, 1);                   /* notes */
  assert_finds (t, "engine", charles, 1);                /* timeline text */
  assert_finds (t, "name:Babbage", charles, 1);
  assert_finds (t, "stage:active", ada, 1);
  assert_finds (t, "stage:\"In Contract\"", ada, 1);
  assert_finds (t, "stage:warm", charles, 1);
  assert_finds (t, "segment:buyers", ada, 1);
  assert_finds (t, "segment:customer", ada, 1);
  assert_finds (t, "step:\"send cma\"", charles, 1);
  assert_finds (t, "tag:holiday-card", ada, 1);
  assert_finds (t, "tag:vip", ada_charles, 2);
  assert_finds (t, "-tag:vip", zoe, 1);
  assert_finds (t, "email:@acme.com", ada_charles, 2);
  assert_finds (t, "email:zoe@elsewhere.org", zoe, 1);
  assert_finds (t, "email:char", charles, 1);
  assert_finds (t, "phone:4155552671", ada, 1);
  assert_finds (t, "#lead_source=Zillow", ada, 1);
  assert_finds (t, "#lead_source=zillow", ada, 1);
  assert_finds (t, "#price>500000", ada, 1);
  assert_finds (t, "#price<=300000", charles, 1);
  /* Amounts read as the field reads them when they are stored: a decimal comma is no
   * thousands separator, and a currency may be named */
  assert_finds (t, "#price>\"$500,000\"", ada, 1);
  assert_finds (t, "#price>749999,5", ada, 1);
  assert_finds (t, "#price>=\"750 000,00 USD\"", ada, 1);
  assert_finds (t, "#closing_date<2027-01-01", ada, 1);
  assert_finds (t, "#has_pool", ada, 1);
  assert_finds (t, "-#has_pool", charles_zoe, 2);
  assert_finds (t, "last-contact>30d", charles_zoe, 2);
  assert_finds (t, "last-contact<7d", ada, 1);
  assert_finds (t, "last-contact:never", zoe, 1);
  assert_finds (t, "birthday:next-7d", ada, 1);
  assert_finds (t, "assigned:me", ada, 1);
  assert_finds (t, "ada OR zoe", ada_zoe, 2);
  assert_finds (t, "tag:vip (stage:lead OR stage:past)", charles, 1);
  assert_finds (t, "tag:vip stage:lead OR stage:past", charles_zoe, 2);
  assert_finds (t, "-(tag:vip)", zoe, 1);
  assert_finds (t, "@@@", NULL, 0);
}

/* A number or date field compared with what is not one says so, naming the term */
static void
test_field_values_checked (void)
{
  static const struct { const char *query; const char *message; } bad[] = {
    { "#price>lots", "“#price>lots”: “lots” is not a number at position 1" },
    { "#closing_date<someday", "“#closing_date<someday”: “someday” is not a date (YYYY-MM-DD) at position 1" },
  };
  gint64 id[3];
  g_autoptr(KithTestStore) t = world (id);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = kith_store_find (t->store, KITH_RECORD_PERSON, bad[i].query, KITH_SORT_NAME,
                                               KITH_GROUP_NONE, 0, G_MAXUINT, NULL, &error);

      g_assert_null (ids);
      g_assert_error (error, KITH_QUERY_ERROR, KITH_QUERY_ERROR_BAD_VALUE);
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }
}

static void
test_sort_and_group (void)
{
  gint64 id[3];
  g_autoptr(KithTestStore) t = world (id);
  g_autoptr(GArray) by_contact = kith_store_find (t->store, KITH_RECORD_PERSON, "", KITH_SORT_LAST_CONTACT,
                                                  KITH_GROUP_NONE, 0, G_MAXUINT, NULL, NULL);
  g_autoptr(GArray) by_stage = kith_store_find (t->store, KITH_RECORD_PERSON, "", KITH_SORT_NAME,
                                                KITH_GROUP_STAGE, 0, G_MAXUINT, NULL, NULL);
  g_autoptr(GArray) page = NULL;
  guint total = 0;

  g_assert_cmpint (g_array_index (by_contact, gint64, 0), ==, id[0]);
  g_assert_cmpint (g_array_index (by_contact, gint64, 1), ==, id[1]);
  g_assert_cmpint (g_array_index (by_contact, gint64, 2), ==, id[2]);   /* never: last */

  g_assert_cmpint (g_array_index (by_stage, gint64, 0), ==, id[1]);     /* lead */
  g_assert_cmpint (g_array_index (by_stage, gint64, 1), ==, id[0]);     /* current */
  g_assert_cmpint (g_array_index (by_stage, gint64, 2), ==, id[2]);     /* past */

  page = kith_store_find (t->store, KITH_RECORD_PERSON, "", KITH_SORT_NAME, KITH_GROUP_NONE, 1, 1, &total, NULL);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpuint (total, ==, 3);
  g_assert_cmpint (g_array_index (page, gint64, 0), ==, id[1]);
}

/* Queries at the limits run; one term or one level more is a positioned error, never SQLite's */
static void
test_limits (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  static const struct { const char *unit; guint max; const char *open; const char *close; } shapes[] = {
    { "ada ", 100, "", "" },
    { "tag:vip OR ", 100, "", "" },
    { "-name:ada ", 100, "", "" },
    { "", 16, "-(", ")" },
    { "", 32, "(", ")" },
  };

  kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\"}");

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    for (guint n = shapes[i].max; n <= shapes[i].max + 1; n++)
      {
        g_autoptr(GString) query = g_string_new (NULL);
        g_autoptr(GArray) ids = NULL;
        g_autoptr(GError) error = NULL;

        /* n terms, or n levels around one */
        for (guint j = 0; j < n; j++)
          g_string_append (query, j + 1 < n ? shapes[i].unit : "");
        for (guint j = 0; j < n && shapes[i].unit[0] == '\0'; j++)
          g_string_append (query, shapes[i].open);
        g_string_append (query, "ada");
        for (guint j = 0; j < n && shapes[i].unit[0] == '\0'; j++)
          g_string_append (query, shapes[i].close);

        ids = kith_store_find (t->store, KITH_RECORD_PERSON, query->str, KITH_SORT_NAME, KITH_GROUP_NONE,
                               0, G_MAXUINT, NULL, &error);
        g_test_message ("%.40s… (%u) → %s", query->str, n, error ? error->message : "ok");
        if (n == shapes[i].max)
          {
            g_assert_no_error (error);
            g_assert_nonnull (ids);
          }
        else
          {
            g_assert_error (error, KITH_QUERY_ERROR, KITH_QUERY_ERROR_SYNTAX);
            g_assert_nonnull (strstr (error->message, "at position"));
          }
      }
}

/* A page of a query with a custom field comparison or an email term is found by collecting
 * the term's ids when they are few, and by walking the records in the sort's order when they
 * are many (kith-find.c); either way it is the slice of every match, in the same order: ties
 * of names broken by id, records never contacted last, records without the field left out. */
static void
test_pages_by_plan (void)
{
  static const char *names[] = { "Ada Lovelace", "Charles Babbage", "ada lovelace", "Zoë Ørsted", "Mary Somerville" };
  static const char *queries[] = {
    "#price>20000",            /* about 100 of 300: walked for the first pages */
    "#price>35000",            /* a few: collected */
    "#price<=3000",            /* records without a price are not matched */
    "#price>=0",
    "email:p",                 /* every record, some twice */
    "email:p29",               /* ten */
    "email:@x.example",
    "email:p1 tag:vip",
    "#price>20000 stage:lead",
    "tag:vip #price>10000 -email:p2",
    "#price>20000 OR email:p29", /* no term every match passes: as SQLite plans it */
    "tag:vip",                 /* 100 of 300 */
    "tag:odd",                 /* 150: walked for the first pages */
    "stage:lead tag:odd",      /* every lead is odd */
    "tag:ODD -stage:current",  /* the tag's name in any case */
    "tag:odd -tag:vip email:p1",
  };
  static const KithSort sorts[] = { KITH_SORT_NAME, KITH_SORT_LAST_CONTACT, KITH_SORT_CREATED };
  static const struct { guint offset, limit; } pages[] = { { 0, 10 }, { 7, 10 }, { 95, 10 }, { 0, 1000 }, { 290, 50 } };
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithFieldDefinition) field = kith_field_definition_new (KITH_RECORD_PERSON, "Price", "currency");
  /* By (i % 3 == 0) + 2 × (i odd) */
  static const char *tags[] = { "", "\"vip\"", "\"odd\"", "\"vip\", \"odd\"" };

  g_assert_true (kith_relationship_apply_preset (t->store, "realestate", NULL));
  g_assert_cmpint (kith_fields_add (t->store, field, NULL), >, 0);
  g_assert_true (kith_store_begin (t->store, NULL));
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *price = i % 5 == 0 ? g_strdup ("")
                                          : g_strdup_printf (", \"customFields\": [{\"id\": \"price\", \"value\": %u}]",
                                                             1000 * (i % 37));
      g_autofree char *second = i % 4 == 0 ? g_strdup_printf (", \"p%03u@y.example\"", i) : g_strdup ("");
      g_autofree char *json =
        g_strdup_printf ("{\"name\": \"%s\", \"emails\": [\"p%03u@x.example\"%s], \"stage\": \"%s\", "
                         "\"keywords\": [%s]%s}",
                         names[i % G_N_ELEMENTS (names)], i, second,
                         i % 2 ? "lead" : "current", tags[(i % 3 == 0) + 2 * (i % 2)], price);

      kith_test_create (t, KITH_RECORD_PERSON, json);
      if (i % 10 == 0)
        {
          g_autofree char *item = g_strdup_printf ("{\"style\": \"call\", \"participants\": [\"p%03u@x.example\"], "
                                                   "\"subject\": \"Call %u\"}", i, i);
          g_autoptr(JsonObject) call = kith_test_json (item);

          g_assert_cmpint (kith_store_add_timeline_item (t->store, call, NULL, NULL), >, 0);
          t->now += 60000 * (i % 7);
        }
    }
  g_assert_true (kith_store_commit (t->store, NULL));

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
      for (KithGroup group = KITH_GROUP_NONE; group <= KITH_GROUP_STAGE; group++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GArray) all = kith_store_find (t->store, KITH_RECORD_PERSON, queries[q], sorts[s], group,
                                                   0, G_MAXUINT, NULL, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (all->len, >, 0);
          for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
            {
              guint total = 0;
              g_autoptr(GArray) page = kith_store_find (t->store, KITH_RECORD_PERSON, queries[q], sorts[s], group,
                                                        pages[p].offset, pages[p].limit, &total, &error);
              guint expected = pages[p].offset < all->len ? MIN (pages[p].limit, all->len - pages[p].offset) : 0;

              g_test_message ("%s, sort %d, group %d, %u + %u: %u of %u", queries[q], sorts[s], group,
                              pages[p].offset, pages[p].limit, page->len, all->len);
              g_assert_no_error (error);
              g_assert_cmpuint (total, ==, all->len);
              g_assert_cmpuint (page->len, ==, expected);
              for (guint i = 0; i < page->len; i++)
                g_assert_cmpint (g_array_index (page, gint64, i), ==, g_array_index (all, gint64, pages[p].offset + i));
            }
        }
}

/* The ids @query finds sorted by name, and the same query as SQLite plans it: "(q) OR (q)"
 * matches the same records, but is no query of id sources alone (kith-find.c) */
static void
assert_found_as_planned (KithStore      *store,
                         KithRecordKind  kind,
                         const char     *query,
                         guint           offset,
                         guint           limit)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *twice = g_strdup_printf ("(%s) OR (%s)", query, query);
  g_autoptr(GArray) expected = kith_store_find (store, kind, twice, KITH_SORT_NAME, KITH_GROUP_NONE,
                                                offset, limit, NULL, &error);

  g_assert_no_error (error);
  /* Again: the first search after a change may leave it to SQLite, the next pages by places;
   * a page asked for without its total may walk */
  for (guint round = 0; round < 3; round++)
    {
      guint total = 0, expected_total = kith_store_count (store, kind, twice, NULL);
      g_autoptr(GArray) found = kith_store_find (store, kind, query, KITH_SORT_NAME, KITH_GROUP_NONE,
                                                 offset, limit, round == 1 ? NULL : &total, &error);

      g_test_message ("%s, %u + %u: %u of %u", query, offset, limit, found->len, total);
      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, expected->len);
      for (guint i = 0; i < found->len; i++)
        g_assert_cmpint (g_array_index (found, gint64, i), ==, g_array_index (expected, gint64, i));
      if (round != 1 && offset == 0 && limit != G_MAXUINT)
        g_assert_cmpuint (total, ==, expected_total);
    }
}

static void
assert_all_found_as_planned (KithStore *store)
{
  static const char *queries[] = {
    "lov", "ada", "a", "AD", "zo", "zoë", "name:lov", "company:acme", "acme", "ada lov", "email:p1",
    "email:@x.example", "tag:vip", "ada tag:vip", "lov email:p2 tag:odd", "call", "nothing-matches", "&",
    /* Id sources with other terms, looked up record by record for a page without its total */
    "ada -tag:vip", "a -zo -email:p1", "tag:vip -lov", "email:@x.example -(ada OR tag:odd)",
  };
  static const struct { guint offset, limit; } pages[] = { { 0, 5 }, { 3, 10 }, { 0, 1000 }, { 0, G_MAXUINT } };

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
      {
        assert_found_as_planned (store, KITH_RECORD_PERSON, queries[q], pages[p].offset, pages[p].limit);
        assert_found_as_planned (store, KITH_RECORD_COMPANY, queries[q], pages[p].offset, pages[p].limit);
      }
}

static void
rename_record (KithStore  *store,
               gint64      id,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"name\": \"%s\"}", name);
  g_autoptr(JsonObject) data = kith_test_json (json);

  g_assert_true (kith_store_update_record (store, id, data, &error));
  g_assert_no_error (error);
}

/* A search sorted by name pages through the order of names kept in memory: it must follow every
 * change of a name, a record added or deleted and undone, whoever made it */
static void
test_name_order_follows_changes (void)
{
  static const char *names[] = { "Ada Lovelace", "Charles Babbage", "ada lovelace", "Zoë Ørsted",
                                 "Mary Somerville", "Adam Lovell" };
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithStore) other = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first = 0, added, undo;

  g_assert_true (kith_store_begin (t->store, NULL));
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *json =
        g_strdup_printf ("{\"name\": \"%s\", \"emails\": [\"p%03u@%s.example\"], \"keywords\": [%s]}",
                         names[i % G_N_ELEMENTS (names)], i, i % 3 ? "x" : "y",
                         i % 4 == 0 ? "\"vip\"" : i % 2 ? "\"odd\"" : "");
      gint64 id = kith_test_create (t, KITH_RECORD_PERSON, json);

      if (first == 0)
        first = id;
      if (i % 10 == 0)
        {
          g_autofree char *item = g_strdup_printf ("{\"style\": \"call\", \"participants\": [\"p%03u@%s.example\"], "
                                                   "\"subject\": \"Call about Acme\"}", i, i % 3 ? "x" : "y");
          g_autoptr(JsonObject) call = kith_test_json (item);

          g_assert_cmpint (kith_store_add_timeline_item (t->store, call, NULL, NULL), >, 0);
        }
    }
  kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Acme Lovelace Works\", \"domains\": [\"acme.example\"], \"keywords\": [\"vip\"]}");
  kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Adamant\", \"domains\": [\"x.example\"]}");
  g_assert_true (kith_store_commit (t->store, NULL));
  assert_all_found_as_planned (t->store);

  /* A rename that moves a record from first to last */
  rename_record (t->store, first, "Zygmunt Lovelace");
  assert_all_found_as_planned (t->store);

  /* A record added, then deleted, then back through undo */
  added = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Aardvark\", \"emails\": [\"p1a@x.example\"]}");
  assert_all_found_as_planned (t->store);
  undo = kith_store_delete_record_with_undo (t->store, added, &error);
  g_assert_no_error (error);
  assert_all_found_as_planned (t->store);
  g_assert_true (kith_store_undo (t->store, undo, &error));
  g_assert_no_error (error);
  assert_all_found_as_planned (t->store);

  /* Inside a transaction, a search sees its own writes */
  g_assert_true (kith_store_begin (t->store, NULL));
  rename_record (t->store, added, "Zuzanna Adams");
  assert_all_found_as_planned (t->store);
  kith_store_rollback (t->store);
  assert_all_found_as_planned (t->store);

  /* Another connection to the same file: another process, as mail capture is */
  other = kith_store_open (t->path, &error);
  g_assert_no_error (error);
  rename_record (other, first + 1, "Aaron Lovelace");
  assert_all_found_as_planned (t->store);
  g_assert_true (kith_store_delete_record (other, first + 2, &error));
  g_assert_no_error (error);
  assert_all_found_as_planned (t->store);

  /* A file whose count of changes was removed by hand: nothing counts them any more */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (t->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM name_order", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  assert_all_found_as_planned (t->store);
  rename_record (t->store, first + 3, "Aabel Lovelace");
  assert_all_found_as_planned (t->store);
}

/* A word of the mail names the people of its items: a page of a common one is found by a walk
 * through the names, of a word of few people's mail by reading them all */
static void
test_name_order_mail_words (void)
{
  static const char *firsts[] = { "Ada", "Wanda", "Charles", "Mary", "Zoë", "Grace" };
  static const char *lasts[] = { "Lovelace", "Babbage", "Somerville", "Hopper", "Ørsted" };
  static const char *queries[] = { "renewal", "renewal tag:vip", "renew", "warehouse", "warehouse ada",
                                   "renewal warehouse", "invoice", "renewal -tag:vip", "ada -renewal",
                                   "warehouse -zzyzx",
                                   /* Looked up in vain more times than a walk may: SQLite's plan */
                                   "example stage:nosuch", "example -email:@x.example" };
  static const struct { guint offset, limit; } pages[] = { { 0, 50 }, { 20, 10 }, { 0, 5 }, { 90, 50 } };
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_true (kith_store_begin (t->store, NULL));
  for (guint i = 0; i < 1500; i++)
    {
      /* The last two sort last: the warehouse's mail is theirs alone */
      g_autofree char *name = i >= 1498 ? g_strdup_printf ("Zzyzx Warehouse %u", i)
                                        : g_strdup_printf ("%s %s %u", firsts[i % G_N_ELEMENTS (firsts)],
                                                           lasts[i % G_N_ELEMENTS (lasts)], i);
      g_autofree char *json = g_strdup_printf ("{\"name\": \"%s\", \"emails\": [\"m%04u@x.example\"]%s}",
                                               name, i, i % 7 == 0 ? ", \"keywords\": [\"vip\"]" : "");
      gint64 id = kith_test_create (t, KITH_RECORD_PERSON, json);

      g_array_append_val (ids, id);
    }
  kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Renewal Partners\", \"domains\": [\"renewal.example\"]}");
  for (guint i = 0; i < 600; i++)
    {
      const char *subject = i < 400 ? "Renewal of the lease" : i < 590 ? "The warehouse keys" : "An invoice";
      guint person = i < 400 ? (i * 37) % 1500 : i < 590 ? 1498 + i % 2 : i;
      g_autofree char *item = g_strdup_printf ("{\"style\": \"call\", \"participants\": [\"m%04u@x.example\"], "
                                               "\"subject\": \"%s\"}", person, subject);
      g_autoptr(JsonObject) call = kith_test_json (item);

      g_assert_cmpint (kith_store_add_timeline_item (t->store, call, NULL, NULL), >, 0);
    }
  g_assert_true (kith_store_commit (t->store, NULL));

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
      {
        assert_found_as_planned (t->store, KITH_RECORD_PERSON, queries[q], pages[p].offset, pages[p].limit);
        assert_found_as_planned (t->store, KITH_RECORD_COMPANY, queries[q], pages[p].offset, pages[p].limit);
      }
}

static gboolean
price_field (const char  *key,
             gint64      *out_id,
             char       **out_type,
             gpointer     user_data)
{
  *out_id = GPOINTER_TO_INT (user_data);
  *out_type = g_strdup ("currency");
  return g_str_equal (key, "price");
}

/* A page sorted by name marks the ids an id set names in the order of names (kith-find.c): a
 * range of a field's numbers, a tag or an address names up to thousands of records
 * among a million, and each read from a table rather than an index took a random page of its
 * own (#price>N: 10–14 ms at a million people, bench/README.md). Each id set's ids come from an
 * index alone, however many rows the planner's statistics say the tables hold. */
static void
test_id_sets_from_indexes (void)
{
  /* Not email:@domain: its index is on an expression, which cannot cover a query in SQLite 3.40 */
  static const char *queries[] = { "#price>500000", "#price<=10", "tag:vip", "email:ada" };
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithFieldDefinition) field = kith_field_definition_new (KITH_RECORD_PERSON, "Price", "currency");
  gint64 field_id = kith_fields_add (t->store, field, NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (field_id, >, 0);
  g_assert_cmpint (sqlite3_open (t->path, &db), ==, SQLITE_OK);
  /* As at a million people, so that no plan reads a whole small table instead */
  g_assert_cmpint (sqlite3_exec (db, "ANALYZE;"
                                     "INSERT OR REPLACE INTO sqlite_stat1 VALUES "
                                     "  ('custom_values', 'custom_values_by_field_num', '600000 1000 2 1'),"
                                     "  ('custom_values', 'custom_values_by_record', '600000 1 1 1'),"
                                     "  ('record_tags', 'record_tags_by_tag', '2000000 40000 1'),"
                                     "  ('channels', 'channels_by_key', '3000000 600000 1 1');"
                                     "ANALYZE sqlite_schema;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KithQuery) query = kith_query_parse (queries[i], &error);
      g_autoptr(GString) sql = g_string_new ("EXPLAIN QUERY PLAN ");
      g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
      g_autoptr(GString) plan = g_string_new (NULL);
      KithQueryContext ctx = { KITH_RECORD_PERSON, 0, 0, NULL, price_field, GINT_TO_POINTER ((int) field_id) };
      KithQueryIdSet what;
      sqlite3_stmt *st = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (kith_query_get_n_id_sources (query), ==, 1);
      g_assert_true (kith_query_id_source_to_sql (query, 0, KITH_QUERY_IDS_ALL, &ctx, &what, sql, params, &error));
      g_assert_no_error (error);
      g_assert_cmpint (what, !=, KITH_QUERY_ID_SET_NONE);

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &st, NULL), ==, SQLITE_OK);
      while (sqlite3_step (st) == SQLITE_ROW)
        g_string_append_printf (plan, "%s\n", sqlite3_column_text (st, 3));
      sqlite3_finalize (st);

      g_test_message ("%s: %s", queries[i], plan->str);
      g_assert_nonnull (strstr (plan->str, "COVERING INDEX"));
      g_assert_null (strstr (plan->str, "SCAN"));
    }

  sqlite3_close (db);
}

/* The terms besides a query's id sources are looked up by record for a page (kith-find.c): each
 * lookup is one run of a statement, so a term written as a list of ids (r.id IN (SELECT …)) would
 * be read whole by SQLite at every record looked up — a tag's 400 records, 500 times over. They
 * are written as lookups by the record's id, a few steps each. */
static void
test_rest_looked_up_by_record (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gboolean seen = FALSE;

  g_assert_true (kith_store_begin (t->store, NULL));
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\": \"Ada Lovelace %u\"%s}", i,
                                               i % 50 != 0 ? ", \"keywords\": [\"vip\"]" : "");

      kith_test_create (t, KITH_RECORD_PERSON, json);
    }
  g_assert_true (kith_store_commit (t->store, NULL));

  /* The first search after a change is left to SQLite; the next ones walk */
  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) found = kith_store_find (t->store, KITH_RECORD_PERSON, "ada -tag:vip", KITH_SORT_NAME,
                                                 KITH_GROUP_NONE, 0, 8, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 8);
    }

  kith_store_lock (t->store);
  g_assert_true (kith_statement_prepare (&st, t->store, "SELECT 1", NULL));
  for (sqlite3_stmt *s = sqlite3_next_stmt (sqlite3_db_handle (st.stmt), NULL); s != NULL;
       s = sqlite3_next_stmt (sqlite3_db_handle (st.stmt), s))
    {
      int runs = sqlite3_stmt_status (s, SQLITE_STMTSTATUS_RUN, FALSE);
      int steps = sqlite3_stmt_status (s, SQLITE_STMTSTATUS_VM_STEP, FALSE);

      if (!g_str_has_prefix (sqlite3_sql (s), "SELECT 1 FROM records r WHERE r.id = ?"))
        continue;
      g_test_message ("%s: %d runs, %d steps", sqlite3_sql (s), runs, steps);
      g_assert_cmpint (runs, >=, 400);
      g_assert_cmpint (steps / runs, <, 60);
      seen = TRUE;
    }
  kith_statement_clear (&st);
  kith_store_unlock (t->store);
  g_assert_true (seen);
}

/* The runs since the last call of the statements of @store whose SQL holds @text */
static int
count_runs (KithStore  *store,
            const char *text)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  int runs = 0;

  kith_store_lock (store);
  g_assert_true (kith_statement_prepare (&st, store, "SELECT 1", NULL));
  for (sqlite3_stmt *s = sqlite3_next_stmt (sqlite3_db_handle (st.stmt), NULL); s != NULL;
       s = sqlite3_next_stmt (sqlite3_db_handle (st.stmt), s))
    if (strstr (sqlite3_sql (s), text) != NULL)
      runs += sqlite3_stmt_status (s, SQLITE_STMTSTATUS_RUN, TRUE);
  kith_statement_clear (&st);
  kith_store_unlock (store);

  return runs;
}

/* A prefix of a letter or two names a large part of the records: a page of it sorted by name is
 * found by checking the words of the records in the order of names, not by reading its list in
 * the index; a rare one still by its list. Both find what SQLite finds. */
static void
test_short_prefixes_walked (void)
{
  static const char *firsts[] = { "Ada", "Anna", "Émile", "Zoë", "Bob", "Øystein", "Aaron" };
  static const char *lasts[] = { "Adams", "Albright", "Ørsted", "Baker" };
  static const char *queries[] = {
    "a", "A", "e", "é", "ø", "5", "name:a", "company:ac", "a b", "ad al", "a -tag:vip", "a stage:lead",
    "a tag:vip", "a adams", "zz", "q", "qu ada", "a ad ab ac ae af ag ah",
  };
  static const struct { guint offset, limit; } pages[] = { { 0, 8 }, { 5, 10 }, { 0, 200 } };
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GArray) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (kith_store_begin (t->store, NULL));
  for (guint i = 0; i < 700; i++)
    {
      g_autofree char *json =
        g_strdup_printf ("{\"name\": \"%s %s %u\", \"emails\": [\"p%03u@%s.example\"], \"phones\": [\"+1 555 01%02u\"]"
                         "%s%s, \"notes\": \"%s\"}",
                         firsts[i % G_N_ELEMENTS (firsts)], i % 50 == 0 ? "Quist" : lasts[i % G_N_ELEMENTS (lasts)], i, i,
                         i % 3 ? "x" : "y", i % 100, i % 4 == 0 ? ", \"keywords\": [\"vip\"]" : "",
                         i % 5 == 0 ? ", \"company\": \"Acme\"" : "", i % 2 ? "Bought a barn" : "");

      kith_test_create (t, KITH_RECORD_PERSON, json);
    }
  g_assert_true (kith_store_commit (t->store, NULL));

  /* The words are cut as the index cuts them (kith-prefix-check.c): its tokenizer as made */
  {
    g_auto(KithStatement) st = KITH_STATEMENT_INIT;
    g_autofree char *sql = NULL;

    kith_store_lock (t->store);
    g_assert_true (kith_statement_prepare (&st, t->store, "SELECT sql FROM sqlite_schema WHERE name = 'records_fts'",
                                           NULL));
    sql = kith_statement_dup_string (&st, NULL);
    kith_statement_clear (&st);
    kith_store_unlock (t->store);
    g_assert_nonnull (strstr (sql, "tokenize = 'unicode61 remove_diacritics 2'"));
  }

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
      {
        assert_found_as_planned (t->store, KITH_RECORD_PERSON, queries[q], pages[p].offset, pages[p].limit);
        assert_found_as_planned (t->store, KITH_RECORD_COMPANY, queries[q], pages[p].offset, pages[p].limit);
      }

  /* Most records hold a word starting with "a": eight of them are found among the first few
   * records checked, and the index's list for "a" is not read */
  count_runs (t->store, "records_fts");
  found = kith_store_find (t->store, KITH_RECORD_PERSON, "a", KITH_SORT_NAME, KITH_GROUP_NONE, 0, 8, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 8);
  g_assert_cmpint (count_runs (t->store, "records_fts MATCH"), ==, 0);
  g_clear_pointer (&found, g_array_unref);

  /* One in fifty holds a word starting with "q": its list is read */
  found = kith_store_find (t->store, KITH_RECORD_PERSON, "q", KITH_SORT_NAME, KITH_GROUP_NONE, 0, 8, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 8);
  g_assert_cmpint (count_runs (t->store, "records_fts MATCH"), ==, 1);
}

/* What the index's tokenizer makes of text beyond ASCII, word by word: a record's words checked
 * one by one name the same records as the index. Composed and decomposed accents, a lone mark,
 * scripts with spacing and enclosing marks, a private-use character, superscripts, ß, İ, CJK,
 * fullwidth letters, a ligature, Roman and Arabic numerals, an emoji, a zero-width space. */
static void
test_short_prefixes_unicode (void)
{
  static const char *names[] = {
    "e\xcc\x81mile Zed", "\xc3\x89mile Yon", "\xe0\xa4\x95\xe0\xa4\xbe Rao", "a\xee\x80\x80" "b Pua",
    "\xc2\xb2nd Two", "Stra\xc3\x9f" "e Sie", "\xc4\xb0" "pek Ilk", "\xe6\x9d\xb1\xe4\xba\xac Tok",
    "x\xcc\x81 Mark", "\xcc\x81 Lone", "O'Brien Quo", "\xef\xbc\xa1" "da Full", "\xef\xac\x81nn Lig",
    "ab-cd Hyph", "\xe1\xb5\x83" "da Mod", "\xe2\x85\xa0 Roman", "a\xe0\xa4\x83" "b Vis", "a\xe2\x83\x9d" "b Enc",
    "\xe0\xa4\x95\xe0\xa4\xbe\xe0\xa4\x96 Kak", "\xd9\xa1\xd9\xa2 Arab", "\xf0\x9f\x98\x80" "a Emo",
    "A\xe2\x80\x8b" "b Zw",
  };
  static const char *queries[] = {
    "e", "\xc3\xa9", "e\xcc\x81", "\xcc\x81", "\xe0\xa4\x95", "\xe0\xa4\x95\xe0\xa4\xbe", "\xe0\xa4\xbe", "a", "b",
    "\xc2\xb2", "2", "ss", "s", "\xc4\xb0", "i", "\xe6\x9d\xb1", "x", "\xef\xbc\xa1", "f", "fi", "\xef\xac\x81", "ab",
    "cd", "\xe1\xb5\x83", "\xe2\x85\xa0", "\xd9\xa1", "1", "name:e", "company:e", "name:\xcc\x81", "\xe2\x80\x8b",
    "ab cd", "name:a name:b", "o", "o b", "qu", "z", "a\xe0\xa4\x83" "b", "a\xe2\x83\x9d" "b", "a\xe0\xa4\x83",
    "\xe0\xa4\x95\xe0\xa4\xbe\xe0\xa4\x96", "\xe0\xa4\x96", "\xf0\x9f\x98\x80",
  };
  static const struct { guint offset, limit; } pages[] = { { 0, 3 }, { 1, 5 }, { 0, 200 } };
  g_autoptr(KithTestStore) t = kith_test_store_new ();

  g_assert_true (kith_store_begin (t->store, NULL));
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\": \"%s %u\"%s}", names[i % G_N_ELEMENTS (names)], i,
                                               i % 7 == 0 ? ", \"company\": \"\xc3\x89tude\"" : "");

      kith_test_create (t, KITH_RECORD_PERSON, json);
    }
  g_assert_true (kith_store_commit (t->store, NULL));

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
      assert_found_as_planned (t->store, KITH_RECORD_PERSON, queries[q], pages[p].offset, pages[p].limit);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/query/errors", test_errors);
  g_test_add_func ("/query/values-are-bound", test_values_are_bound);
  g_test_add_func ("/query/empty", test_empty);
  g_test_add_func ("/query/limits", test_limits);
  g_test_add_func ("/query/finds", test_finds);
  g_test_add_func ("/query/sort-and-group", test_sort_and_group);
  g_test_add_func ("/query/field-values-checked", test_field_values_checked);
  g_test_add_func ("/query/pages-by-plan", test_pages_by_plan);
  g_test_add_func ("/query/name-order-follows-changes", test_name_order_follows_changes);
  g_test_add_func ("/query/name-order-mail-words", test_name_order_mail_words);
  g_test_add_func ("/query/id-sets-from-indexes", test_id_sets_from_indexes);
  g_test_add_func ("/query/rest-looked-up-by-record", test_rest_looked_up_by_record);
  g_test_add_func ("/query/short-prefixes-walked", test_short_prefixes_walked);
  g_test_add_func ("/query/short-prefixes-unicode", test_short_prefixes_unicode);

  return g_test_run ();
}
