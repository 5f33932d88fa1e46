/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithStore"

#include "config.h"

#include <math.h>
#include <string.h>

#include "kith-find.h"
#include "kith-mail.h"
#include "kith-name-order.h"
#include "kith-prefix-check.h"
#include "kith-query.h"
#include "kith-statement.h"

static gboolean
lookup_field_cb (const char  *key,
                 gint64      *out_field_id,
                 char       **out_type,
                 gpointer     user_data)
{
  return kith_fields_lookup (user_data, key, out_field_id, out_type, NULL, NULL, NULL);
}

/* What writing a query's SQL needs: the query parsed and what it is compiled against */
typedef struct {
  KithQuery        *parsed;
  KithQueryContext  ctx;
  char             *me;
} Find;

static void
find_clear (Find *find)
{
  g_clear_pointer (&find->parsed, kith_query_free);
  g_clear_pointer (&find->me, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Find, find_clear)

static gboolean
find_init (Find            *find,
           KithStore       *self,
           KithRecordKind   kind,
           const char      *query,
           GError         **error)
{
  g_auto(GStrv) me_list = NULL;
  g_autoptr(GDateTime) local = g_date_time_new_now_local ();

  find->parsed = kith_query_parse (query != NULL ? query : "", error);
  if (find->parsed == NULL)
    return FALSE;

  /* Searches inside a transaction see its own writes */
  if (!kith_store_flush_pending (self, error))
    return FALSE;

  me_list = kith_store_dup_me (self, NULL);
  find->me = me_list[0] != NULL ? g_strjoinv (",", me_list) : NULL;
  find->ctx.kind = kind;
  find->ctx.now_ms = kith_store_now (self);
  find->ctx.utc_offset_min = (int) (g_date_time_get_utc_offset (local) / G_TIME_SPAN_MINUTE);
  find->ctx.me = find->me;
  find->ctx.lookup_field = lookup_field_cb;
  find->ctx.user_data = self;

  return TRUE;
}

/* How to find a page of matches */
typedef enum {
  PLAN_AS_WRITTEN,   /* SQLite's own plan */
  PLAN_COLLECT,      /* collect the ids of the query's id set, then sort them */
  PLAN_WALK,         /* walk the records in the sort's order, looking each up in the id set */
  PLAN_COUNT,        /* count the matches */
} Plan;

/* Where the records of a page found with @plan are read from. The matches of an id set alone
 * need only their kind and, sorted by name, their name: the index records_names_by_id holds
 * both in a few dense pages, where the table takes a random page of its own per match. Other
 * collected ids are read from the table by id: any other index of records would be walked. */
static const char *
records_source (Find      *find,
                Plan       plan,
                KithSort   sort,
                KithGroup  group)
{
  gboolean names_only = (plan == PLAN_COUNT ||
                         (plan == PLAN_COLLECT && sort == KITH_SORT_NAME && group == KITH_GROUP_NONE));

  if (names_only && kith_query_is_id_set (find->parsed))
    return " FROM records r INDEXED BY records_names_by_id";
  if (plan == PLAN_COLLECT)
    return " FROM records r NOT INDEXED";
  return " FROM records r";
}

/* Appends " FROM … WHERE …" for the query of @find to @sql, and its parameters to @params */
static gboolean
write_find_sql (Find       *find,
                Plan        plan,
                KithSort    sort,
                KithGroup   group,
                GString    *sql,
                GPtrArray  *params,
                GError    **error)
{
  g_string_append (sql, records_source (find, plan, sort, group));
  g_string_append (sql, " WHERE r.kind = ? AND (");
  g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_int64 (find->ctx.kind)));
  find->ctx.walk_id_set = plan == PLAN_WALK;
  if (!kith_query_to_sql (find->parsed, &find->ctx, sql, params, error))
    return FALSE;
  g_string_append (sql, ")");

  return TRUE;
}

/* Appends " FROM … WHERE …" for @query to @sql, and its parameters to @params */
static gboolean
build_find_sql (KithStore       *self,
                KithRecordKind   kind,
                const char      *query,
                Plan             plan,
                GString         *sql,
                GPtrArray       *params,
                GError         **error)
{
  g_auto(Find) find = { 0 };

  return find_init (&find, self, kind, query, error) &&
         write_find_sql (&find, plan, KITH_SORT_NAME, KITH_GROUP_NONE, sql, params, error);
}

/* Searches build their SQL per query: a statement for this one only, with its parameters */
static gboolean
prepare_search (KithStatement  *st,
                KithStore      *self,
                const char     *sql,
                GPtrArray      *params,
                GError        **error)
{
  if (!kith_statement_prepare_once (st, self, sql, error))
    return FALSE;
  kith_statement_bind_params (st, params, 1);

  return TRUE;
}

/* A single number: the one row's first column */
static gboolean
select_number (KithStore  *self,
               const char *sql,
               GPtrArray  *params,
               gint64     *out_number,
               GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!prepare_search (&st, self, sql, params, error) ||
      !kith_statement_step (&st, error))
    return FALSE;

  *out_number = kith_statement_column_int64 (&st, 0);
  return TRUE;
}

/* count(*): the one row's first column */
static gboolean
select_count (KithStore  *self,
              const char *sql,
              GPtrArray  *params,
              guint      *out_count,
              GError    **error)
{
  gint64 count = 0;

  if (!select_number (self, sql, params, &count, error))
    return FALSE;

  *out_count = (guint) count;
  return TRUE;
}

static GArray *
select_ids (KithStore  *self,
            const char *sql,
            GPtrArray  *params,
            GError    **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  if (!prepare_search (&st, self, sql, params, error))
    return NULL;

  return kith_statement_get_ids (&st, error);
}

/* The most ids an id set of @what may hold for collecting and sorting them to beat walking
 * the records in the sort's order until @page_end of them match.
 *
 * Walking reads about page_end × records / ids rows when the ids are spread through the
 * order, each with a lookup in the index by record; collecting reads the ids, each record by
 * its id, and sorts them. The two cost about the same at √(page_end × records) ids (counted
 * with callgrind at 100,000 people, bench/README.md). Not so for addresses: an address starts
 * with its owner's name, the order of the list, so the records of a prefix sit together in
 * that order instead of spread through it, and a walk may read most records before it finds
 * them; their ids are collected up to an eighth of the records. A domain's are spread.
 *
 * The largest id stands for the number of records: SQLite finds it at the end of the table,
 * where count(*) would read every row. */
static gboolean
collect_bound (KithStore       *self,
               KithQueryIdSet   what,
               guint            page_end,
               gint64          *out_bound,
               GError         **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  gint64 records = 0;
  gint64 spread;

  /* The same text at every search: the store's cached statement, not one prepared per call */
  if (!kith_statement_prepare (&st, self, "SELECT coalesce(max(id), 0) FROM records", error))
    return FALSE;
  records = kith_statement_get_int64 (&st, error);
  if (kith_statement_failed (&st))
    return FALSE;

  spread = (gint64) sqrt ((double) page_end * (double) records);
  *out_bound = MAX (100, what == KITH_QUERY_ID_SET_ADDRESS ? MAX (spread, records / 8) : spread);
  return TRUE;
}

/* Without statistics SQLite cannot tell how many records a range of values names (#price>N,
 * email:ab…), and sorting by name it walks the name index, looking each record up in the set:
 * fast when most records match, a walk through every record when few do. With them it goes
 * wrong the other way for a tag: it read the 212,717 records of a common tag by id and sorted
 * them (264 ms at a million people) where walking took 2 ms. So a page of a query with such a
 * term counts its ids first, up to the bound where the two plans cost the same. */
static gboolean
choose_plan (KithStore  *self,
             Find       *find,
             guint       offset,
             guint       limit,
             Plan       *out_plan,
             GError    **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM (");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  KithQueryIdSet what = kith_query_get_id_set (find->parsed);
  gint64 bound = 0, ids = 0;

  *out_plan = PLAN_AS_WRITTEN;
  if (limit == G_MAXUINT || what == KITH_QUERY_ID_SET_NONE)
    return TRUE;

  if (!collect_bound (self, what, offset + MIN (limit, G_MAXUINT - offset), &bound, error) ||
      !kith_query_id_set_to_sql (find->parsed, &find->ctx, sql, params, error))
    return FALSE;
  g_string_append_printf (sql, " LIMIT %" G_GINT64_FORMAT ")", bound + 1);
  if (!select_number (self, sql->str, params, &ids, error))
    return FALSE;

  *out_plan = ids > bound ? PLAN_WALK : PLAN_COLLECT;
  g_debug ("%s a page of %" G_GINT64_FORMAT "%s ids (at most %" G_GINT64_FORMAT " collected)",
           *out_plan == PLAN_WALK ? "Walking for" : "Collecting", ids, ids > bound ? " or more" : "", bound);
  return TRUE;
}

/* Marks in @set the ids @part of term @index of @find names; %FALSE in @out_all when it is an id
 * set that names more than @bound (-1 for no bound) */
static gboolean
mark_term (KithStore        *self,
           Find             *find,
           guint             index,
           KithQueryIdPart   part,
           gint64            bound,
           KithNameSet      *set,
           gint64           *out_marked,
           gboolean         *out_all,
           GError          **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  KithQueryIdSet what;
  gint64 marked = 0;

  if (!kith_query_id_source_to_sql (find->parsed, index, part, &find->ctx, &what, sql, params, error))
    return FALSE;
  if (what == KITH_QUERY_ID_SET_NONE)
    bound = -1;
  if (bound >= 0)
    g_string_append_printf (sql, " LIMIT %" G_GINT64_FORMAT, bound + 1);
  if (!kith_name_set_mark (set, self, sql->str, params, &marked, error))
    return FALSE;

  if (out_marked != NULL)
    *out_marked = marked;
  *out_all = bound < 0 || marked <= bound;
  return TRUE;
}

/* A word of the mail, walked (page_by_places()): the records its own text names, and the
 * timeline items whose text does */
typedef struct {
  guint          index;
  KithNameSet   *named;
  KithNameSet   *items;
  KithStatement  items_of;   /* a record's items */
} Walked;

static void
walked_clear (Walked *walked)
{
  g_clear_pointer (&walked->named, kith_name_set_free);
  g_clear_pointer (&walked->items, kith_name_set_free);
  kith_statement_clear (&walked->items_of);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Walked, walked_clear)

/* Whether record @id is in one of the walked word's items */
static gboolean
has_walked_item (gint64     id,
                 gboolean  *out_match,
                 gpointer   user_data,
                 GError   **error)
{
  Walked *walked = user_data;

  *out_match = FALSE;
  kith_statement_bind_int64 (&walked->items_of, 1, id);
  while (!*out_match && kith_statement_step (&walked->items_of, error))
    *out_match = kith_name_set_has_id (walked->items, kith_statement_column_int64 (&walked->items_of, 0));

  return !kith_statement_failed (&walked->items_of);
}

/* For a page of a word of the mail that names many items (more than @bound), marks in @walked
 * its records and items instead of its items' people: walking the names until a page of records
 * with an item marked costs less than reading every item's people: @set holds the records the
 * word's own text names then. %FALSE in @out_walk when the items are few: @set holds every
 * record the word names. */
static gboolean
mark_word_or_items (KithStore    *self,
                    Find         *find,
                    guint         index,
                    gint64        bound,
                    KithNameSet  *set,
                    Walked       *walked,
                    gboolean     *out_walk,
                    GError      **error)
{
  KithNameOrder *order = kith_store_get_name_order (self);
  g_autoptr(KithNameSet) items = NULL;
  gint64 largest = 0, marked = 0;
  gboolean few = FALSE;

  *out_walk = FALSE;
  if (!select_number (self, "SELECT coalesce(max(id), 0) FROM timeline", NULL, &largest, error))
    return FALSE;
  items = kith_name_set_new_of_ids (order, largest);
  if (items == NULL ||
      !mark_term (self, find, index, KITH_QUERY_IDS_ITEMS, -1, items, &marked, &few, error))
    return FALSE;
  if (marked <= bound)
    return mark_term (self, find, index, KITH_QUERY_IDS_ALL, -1, set, NULL, &few, error);

  if (!mark_term (self, find, index, KITH_QUERY_IDS_RECORDS, -1, set, NULL, &few, error) ||
      !kith_statement_prepare (&walked->items_of, self,
                               "SELECT item_id FROM timeline_people INDEXED BY timeline_people_by_record "
                               "WHERE record_id = ?", error))
    return FALSE;
  walked->index = index;
  walked->items = g_steal_pointer (&items);
  *out_walk = TRUE;
  return TRUE;
}

/* Whether record @id passes the terms of the query that are not id sources: @user_data is the
 * statement that looks it up (rest_prepare()) */
static gboolean
passes_rest (gint64     id,
             gboolean  *out_match,
             gpointer   user_data,
             GError   **error)
{
  KithStatement *rest = user_data;

  kith_statement_bind_int64 (rest, 1, id);
  *out_match = kith_statement_has_row (rest, error);

  return !kith_statement_failed (rest);
}

/* The lookup of a record by id in the terms of @find's query that are not id sources */
static gboolean
rest_prepare (KithStore      *self,
              Find           *find,
              KithStatement  *rest,
              GError        **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT 1 FROM records r WHERE r.id = ? AND ");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  if (!kith_query_rest_to_sql (find->parsed, &find->ctx, sql, params, error) ||
      !kith_statement_prepare_once (rest, self, sql->str, error))
    return FALSE;

  kith_statement_bind_params (rest, params, 2);
  return TRUE;
}

/* The page of the records of @matches, in the order of names, that pass the terms of @find's
 * query that are not id sources: each looked up by id until the page is full. %NULL with @error
 * unset when @most lookups did not fill it (those terms name few of @matches, and SQLite's plan
 * finds them sooner), or with @error set when a lookup failed. */
static GArray *
walk_rest (KithStore    *self,
           Find         *find,
           KithNameSet  *matches,
           guint         offset,
           guint         limit,
           guint         most,
           GError      **error)
{
  g_auto(KithStatement) rest = KITH_STATEMENT_INIT;
  gboolean done = FALSE;

  if (!rest_prepare (self, find, &rest, error))
    return NULL;

  return kith_name_set_walk (matches, NULL, passes_rest, &rest, offset, limit, most, &done, error);
}

/* Short prefixes (kith_query_id_source_get_prefixes()) checked record by record, and the
 * query's other terms looked up, in a walk of the names (walk_prefixes()) */
typedef struct {
  KithPrefixCheck *prefixes;
  KithStatement   *rest;       /* NULL when the query has no other terms */
} Checks;

static gboolean
passes_checks (gint64     id,
               gboolean  *out_match,
               gpointer   user_data,
               GError   **error)
{
  Checks *checks = user_data;

  if (!kith_prefix_check_matches (checks->prefixes, id, out_match, error))
    return FALSE;
  if (!*out_match || checks->rest == NULL)
    return TRUE;

  return passes_rest (id, out_match, checks->rest, error);
}

/* Adds term @index of @find's query to @prefixes (made if %NULL) when it is a word, name: or
 * company: with a prefix short enough to name a large part of the records; %FALSE when not, or
 * when the words cannot be checked so (the term's list is read then, as for any other) */
static gboolean
defer_prefixes (KithStore        *self,
                Find             *find,
                guint             index,
                KithPrefixCheck **prefixes)
{
  const char *column = NULL;
  g_auto(GStrv) words = kith_query_id_source_get_prefixes (find->parsed, index, &column);
  g_autoptr(GError) error = NULL;

  if (words == NULL)
    return FALSE;
  if (*prefixes == NULL && (*prefixes = kith_prefix_check_new (self, &error)) == NULL)
    {
      g_debug ("Prefixes not checked by record: %s", error->message);
      return FALSE;
    }

  return kith_prefix_check_add (*prefixes, (const char *const *) words, column);
}

/* Marks the terms @deferred of @find's query and keeps in @matches (made if %NULL) the records
 * they all name */
static gboolean
mark_deferred (KithStore    *self,
               Find         *find,
               GArray       *deferred,
               KithNameSet **matches,
               GError      **error)
{
  for (guint i = 0; i < deferred->len; i++)
    {
      g_autoptr(KithNameSet) set = kith_name_set_new (kith_store_get_name_order (self), find->ctx.kind);
      gboolean all = FALSE;

      if (!mark_term (self, find, g_array_index (deferred, guint, i), KITH_QUERY_IDS_ALL, -1, set, NULL, &all,
                      error))
        return FALSE;
      if (*matches == NULL)
        *matches = g_steal_pointer (&set);
      else
        kith_name_set_intersect (*matches, set);
    }

  g_array_set_size (deferred, 0);
  return TRUE;
}

/* The page of the records of @matches (%NULL for all) that hold @prefixes and pass the query's
 * other terms: a walk of the names that checks each record's words, for a prefix of a letter or
 * two whose list in the index is longer to read than the page is to find. %NULL with @error
 * unset when @most records checked did not fill the page: few of the first names match (the
 * prefix is rare among them, or the other terms leave few), and the lists are read instead. */
static GArray *
walk_prefixes (KithStore        *self,
               Find             *find,
               KithNameSet      *matches,
               KithPrefixCheck  *prefixes,
               guint             offset,
               guint             limit,
               guint             most,
               GError          **error)
{
  g_autoptr(KithNameSet) all = NULL;
  g_auto(KithStatement) rest = KITH_STATEMENT_INIT;
  Checks checks = { prefixes, NULL };
  gboolean done = FALSE;

  if (kith_query_has_rest (find->parsed))
    {
      if (!rest_prepare (self, find, &rest, error))
        return NULL;
      checks.rest = &rest;
    }
  if (matches == NULL)
    {
      matches = all = kith_name_set_new (kith_store_get_name_order (self), find->ctx.kind);
      kith_name_set_add_all (all);
    }

  return kith_name_set_walk (matches, NULL, passes_checks, &checks, offset, limit, most, &done, error);
}

/* A page sorted by name of a query of id sources (kith_query_get_n_id_sources()): each
 * term's ids marked in a set of places in the order of names, the page the first places every
 * set holds — no sort, and no lookup per match. An id set larger than where walking the names
 * beats collecting (choose_plan()) is left to that walk (@out_walk), and a query while the order
 * of names is not held to SQLite: %NULL then, with @error unset. A word of the mail naming many
 * items, for a page without its total, is walked here (mark_word_or_items()). The query's other
 * terms, for a page without its total, are looked up by id for the records the id sources name,
 * in the order of names, until the page is full (walk_rest()). A prefix of a letter or two is
 * checked in each record's words in such a walk first, and its list read only when that walk
 * does not fill the page soon (walk_prefixes()). */
static GArray *
page_by_places (KithStore  *self,
                Find       *find,
                guint       offset,
                guint       limit,
                guint      *out_total,
                gboolean   *out_walk,
                GError    **error)
{
  KithNameOrder *order = kith_store_get_name_order (self);
  g_autoptr(KithNameSet) matches = NULL;
  g_auto(Walked) walked = { 0, NULL, NULL, KITH_STATEMENT_INIT };
  g_autoptr(KithPrefixCheck) prefixes = NULL;
  g_autoptr(GArray) deferred = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = kith_query_get_n_id_sources (find->parsed);
  gboolean rest = kith_query_has_rest (find->parsed);
  gint64 bound = -1, spread = -1;
  guint walk_most = 0;
  gboolean ready = FALSE;

  if (limit == 0 && out_total == NULL)
    return g_array_new (FALSE, FALSE, sizeof (gint64));
  if (!kith_name_order_ensure (order, self, &ready, error) || !ready)
    return NULL;
  if (limit != G_MAXUINT &&
      (!collect_bound (self, kith_query_get_id_set (find->parsed), offset + MIN (limit, G_MAXUINT - offset),
                       &bound, error) ||
       !collect_bound (self, KITH_QUERY_ID_SET_NONE, offset + limit, &spread, error)))
    return NULL;

  /* A record's words take about a hundred times as long to check as an id of a list to mark: a
   * walk for a short prefix checks at most a tenth of the spread, as long as marking the list of
   * "a" at a million people takes. A page further on is found from the lists. */
  if (limit != G_MAXUINT)
    walk_most = (guint) MIN (spread / 10, G_MAXUINT);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithNameSet) set = kith_name_set_new (order, find->ctx.kind);
      gboolean all = FALSE, walk = FALSE;

      if (limit != G_MAXUINT && out_total == NULL && (guint64) offset + limit <= walk_most &&
          defer_prefixes (self, find, i, &prefixes))
        {
          g_array_append_val (deferred, i);
          continue;
        }

      if (limit != G_MAXUINT && out_total == NULL && walked.items == NULL && !rest &&
          kith_query_id_source_has_items (find->parsed, i))
        {
          if (!mark_word_or_items (self, find, i, spread, set, &walked, &walk, error))
            return NULL;
          if (walk)
            {
              walked.named = g_steal_pointer (&set);
              continue;
            }
        }
      else if (!mark_term (self, find, i, KITH_QUERY_IDS_ALL, bound, set, NULL, &all, error))
        return NULL;
      else if (!all)
        {
          /* SQLite's walk of the names looks the query's id set up per record: this term, or
           * choose_plan() counts that one */
          *out_walk = kith_query_id_source_is_id_set (find->parsed, i);
          return NULL;
        }

      if (matches == NULL)
        matches = g_steal_pointer (&set);
      else
        kith_name_set_intersect (matches, set);
    }

  /* A word of the mail's walk checks no prefixes */
  if (walked.items != NULL && !mark_deferred (self, find, deferred, &matches, error))
    return NULL;

  if (walked.items != NULL)
    {
      g_autoptr(GError) walk_error = NULL;
      g_autoptr(GArray) ids = NULL;
      gboolean done = FALSE, all = FALSE;

      if (matches == NULL)
        {
          matches = kith_name_set_new (order, find->ctx.kind);
          kith_name_set_add_all (matches);
        }
      ids = kith_name_set_walk (matches, walked.named, has_walked_item, &walked, offset, limit,
                                (guint) MAX (1000, spread), &done, &walk_error);
      if (walk_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&walk_error));
          return NULL;
        }
      if (done)
        return g_steal_pointer (&ids);

      /* Most of the walk found nothing: the word's items belong to few records, read them */
      if (!mark_term (self, find, walked.index, KITH_QUERY_IDS_ALL, -1, walked.named, NULL, &all, error))
        return NULL;
      kith_name_set_intersect (matches, walked.named);
    }

  if (deferred->len > 0)
    {
      g_autoptr(GError) walk_error = NULL;
      g_autoptr(GArray) ids = NULL;

      ids = walk_prefixes (self, find, matches, prefixes, offset, limit, walk_most, &walk_error);
      if (walk_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&walk_error));
          return NULL;
        }
      if (ids != NULL)
        return g_steal_pointer (&ids);
      if (!mark_deferred (self, find, deferred, &matches, error))
        return NULL;
    }

  if (rest)
    return walk_rest (self, find, matches, offset, limit, (guint) MAX (1000, spread), error);

  return kith_name_set_get_page (matches, offset, limit, out_total);
}

/* page_by_places() for a query it serves, in one read transaction: the order of names and the
 * ids marked in it as of one moment, whatever another connection commits meanwhile. A search
 * inside a write transaction sees names the order does not hold: it is left to SQLite. */
static GArray *
find_by_places (KithStore  *self,
                Find       *find,
                KithSort    sort,
                KithGroup   group,
                guint       offset,
                guint       limit,
                guint      *out_total,
                gboolean   *out_walk,
                GError    **error)
{
  GArray *ids;

  *out_walk = FALSE;
  if (sort != KITH_SORT_NAME || group != KITH_GROUP_NONE ||
      kith_query_get_n_id_sources (find->parsed) == 0 ||
      (kith_query_has_rest (find->parsed) && (limit == G_MAXUINT || out_total != NULL)) ||
      !sqlite3_get_autocommit (kith_store_get_db (self)) ||
      !kith_store_exec (self, "BEGIN", error))
    return NULL;

  ids = page_by_places (self, find, offset, limit, out_total, out_walk, error);
  if (!kith_store_exec (self, "COMMIT", ids != NULL ? error : NULL))
    g_clear_pointer (&ids, g_array_unref);

  return ids;
}

/* The page of @find's matches from @offset, and their number in all in @out_total */
static GArray *
select_page (KithStore  *self,
             Find       *find,
             KithSort    sort,
             KithGroup   group,
             guint       offset,
             guint       limit,
             guint      *out_total,
             GError    **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT r.id");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean walk = FALSE;
  Plan plan = PLAN_WALK;

  ids = find_by_places (self, find, sort, group, offset, limit, out_total, &walk, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (ids != NULL)
    return g_steal_pointer (&ids);

  if ((!walk && !choose_plan (self, find, offset, limit, &plan, error)) ||
      !write_find_sql (find, plan, sort, group, sql, params, error))
    return NULL;

  kith_query_append_order (sort, group, sql);
  if (limit != G_MAXUINT || offset > 0)
    g_string_append_printf (sql, " LIMIT %" G_GINT64_FORMAT " OFFSET %u",
                            limit == G_MAXUINT ? (gint64) -1 : (gint64) limit, offset);

  ids = select_ids (self, sql->str, params, error);
  if (ids == NULL || out_total == NULL)
    return g_steal_pointer (&ids);

  /* A first page that is not full holds every match: no need to count them */
  if (offset == 0 && ids->len < limit)
    *out_total = ids->len;
  else
    {
      g_autoptr(GString) count_sql = g_string_new ("SELECT count(*)");
      g_autoptr(GPtrArray) count_params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

      if (!write_find_sql (find, PLAN_COUNT, sort, group, count_sql, count_params, error) ||
          !select_count (self, count_sql->str, count_params, out_total, error))
        return NULL;
    }

  return g_steal_pointer (&ids);
}

/**
 * kith_store_find:
 * @query: (nullable): a query in the query language; %NULL or "" finds every record of @kind
 * @limit: at most this many ids; %G_MAXUINT for all
 * @out_total: (out) (optional): how many records match in all
 *
 * Returns: (transfer full) (nullable): a #GArray of gint64 record ids in the order asked for
 */
GArray *
kith_store_find (KithStore       *self,
                 KithRecordKind   kind,
                 const char      *query,
                 KithSort         sort,
                 KithGroup        group,
                 guint            offset,
                 guint            limit,
                 guint           *out_total,
                 GError         **error)
{
  g_auto(Find) find = { 0 };
  GArray *ids = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);
  g_return_val_if_fail (kind <= KITH_RECORD_PROJECT, NULL);

  kith_store_lock (self);
  if (find_init (&find, self, kind, query, error))
    ids = select_page (self, &find, sort, group, offset, limit, out_total, error);
  kith_store_unlock (self);

  return ids;
}

/**
 * kith_store_count:
 *
 * Returns: how many records of @kind match @query; 0 with @error set when the query is bad
 */
guint
kith_store_count (KithStore       *self,
                  KithRecordKind   kind,
                  const char      *query,
                  GError         **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*)");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  guint count = 0;

  g_return_val_if_fail (KITH_IS_STORE (self), 0);

  kith_store_lock (self);
  if (build_find_sql (self, kind, query, PLAN_COUNT, sql, params, error))
    select_count (self, sql->str, params, &count, error);
  kith_store_unlock (self);

  return count;
}

#define ROW_SQL \
  "SELECT r.id, r.kind, r.name, coalesce(r.headline, r.role, r.description), c.name, " \
  "  r.segment, r.stage, r.picture, r.last_contact, r.changed, r.value, r.currency, r.private " \
  "FROM records r LEFT JOIN records c ON c.id = r.company_id WHERE r.id = ?"

/* The row of record @id, or %NULL if it is gone */
static KithRecordRow *
read_row (KithStatement *st,
          gint64         id)
{
  KithRecordRow *row;

  kith_statement_bind_int64 (st, 1, id);
  if (!kith_statement_step (st, NULL))
    return NULL;

  row = g_new0 (KithRecordRow, 1);
  row->id = kith_statement_column_int64 (st, 0);
  row->kind = (KithRecordKind) kith_statement_column_int64 (st, 1);
  row->name = kith_statement_dup_text (st, 2);
  row->headline = kith_statement_dup_text (st, 3);
  row->company = kith_statement_dup_text (st, 4);
  row->segment = kith_statement_dup_text (st, 5);
  row->stage = kith_statement_dup_text (st, 6);
  row->picture = kith_statement_dup_text (st, 7);
  row->last_contact = kith_statement_column_int64 (st, 8);
  row->changed = kith_statement_column_int64 (st, 9);
  row->has_value = !kith_statement_column_is_null (st, 10);
  row->value = kith_statement_column_double (st, 10);
  row->currency = kith_statement_dup_text (st, 11);
  row->private = kith_statement_column_int64 (st, 12) != 0;

  return row;
}

/**
 * kith_store_get_row:
 *
 * Returns: (transfer full) (nullable): what a list shows of record @id, or %NULL if it is gone
 */
KithRecordRow *
kith_store_get_row (KithStore *self,
                    gint64     id)
{
  KithRecordRow *row = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);

  kith_store_lock (self);
  {
    g_auto(KithStatement) st = KITH_STATEMENT_INIT;

    if (kith_statement_prepare (&st, self, ROW_SQL, NULL))
      row = read_row (&st, id);
  }
  kith_store_unlock (self);

  return row;
}

/**
 * kith_store_get_rows:
 *
 * Returns: (transfer full) (element-type KithRecordRow): one row per id, in the order of @ids;
 *   %NULL elements for records that are gone
 */
GPtrArray *
kith_store_get_rows (KithStore    *self,
                     const gint64 *ids,
                     guint         n_ids)
{
  GPtrArray *rows = g_ptr_array_new_full (n_ids, (GDestroyNotify) kith_record_row_free);

  g_return_val_if_fail (KITH_IS_STORE (self), rows);

  kith_store_lock (self);
  {
    g_auto(KithStatement) st = KITH_STATEMENT_INIT;
    gboolean ok = kith_statement_prepare (&st, self, ROW_SQL, NULL);

    for (guint i = 0; i < n_ids; i++)
      g_ptr_array_add (rows, ok ? read_row (&st, ids[i]) : NULL);
  }
  kith_store_unlock (self);

  return rows;
}

/* Placing records again: the ids a list holds stay where they are, and only the records a
 * change named are looked at — does each still match, and where does it sort now — instead
 * of sorting every match again. */

typedef struct {
  KithStatement match;    /* the query's rows, narrowed to one id: the last parameter */
  KithStatement before;   /* which of two records sorts first */
  int           id_index;
} Placing;

static void
placing_clear (Placing *placing)
{
  kith_statement_clear (&placing->match);
  kith_statement_clear (&placing->before);
}

static gboolean
placing_prepare (Placing        *placing,
                 KithStore      *self,
                 KithRecordKind  kind,
                 const char     *query,
                 KithSort        sort,
                 KithGroup       group,
                 GError        **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT r.id");
  g_autoptr(GString) order = g_string_new ("SELECT r.id FROM records r WHERE r.id IN (?1, ?2)");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  if (!build_find_sql (self, kind, query, PLAN_AS_WRITTEN, sql, params, error))
    return FALSE;
  placing->id_index = (int) params->len + 1;
  g_string_append_printf (sql, " AND r.id = ?%d", placing->id_index);
  if (!prepare_search (&placing->match, self, sql->str, params, error))
    return FALSE;

  /* The order the search sorts by, so that a record goes exactly where a search puts it */
  kith_query_append_order (sort, group, order);
  g_string_append (order, " LIMIT 1");

  return kith_statement_prepare_once (&placing->before, self, order->str, error);
}

static gboolean
still_matches (Placing *placing,
               gint64   id)
{
  kith_statement_bind_int64 (&placing->match, placing->id_index, id);

  return kith_statement_step (&placing->match, NULL);
}

/* Whether record @a sorts before record @b */
static gboolean
sorts_before (Placing *placing,
              gint64   a,
              gint64   b)
{
  kith_statement_bind_int64 (&placing->before, 1, a);
  kith_statement_bind_int64 (&placing->before, 2, b);

  return kith_statement_step (&placing->before, NULL) && kith_statement_column_int64 (&placing->before, 0) == a;
}

/* How many of @kept (in order) sort before @id: where @id goes among them */
static guint
find_place (Placing *placing,
            GArray  *kept,
            gint64   id)
{
  guint low = 0, high = kept->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (sorts_before (placing, g_array_index (kept, gint64, middle), id))
        low = middle + 1;
      else
        high = middle;
    }

  return low;
}

typedef struct {
  gint64 id;
  guint  place;
} Placed;

static int
compare_placed (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const Placed *x = a, *y = b;

  if (x->place != y->place)
    return x->place < y->place ? -1 : 1;
  if (x->id == y->id)
    return 0;

  return sorts_before (user_data, x->id, y->id) ? -1 : 1;
}

/* @listed without the ids in @changed */
static GArray *
without (GArray     *listed,
         GHashTable *changed)
{
  GArray *kept = g_array_sized_new (FALSE, FALSE, sizeof (gint64), listed->len);

  for (guint i = 0; i < listed->len; i++)
    if (!g_hash_table_contains (changed, &g_array_index (listed, gint64, i)))
      g_array_append_val (kept, g_array_index (listed, gint64, i));

  return kept;
}

/* @kept with @placed (sorted by place) merged in */
static GArray *
merge_placed (GArray *kept,
              GArray *placed)
{
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), kept->len + placed->len);
  guint next = 0;

  for (guint i = 0; i < placed->len; i++)
    {
      Placed *p = &g_array_index (placed, Placed, i);

      g_array_append_vals (ids, &g_array_index (kept, gint64, next), p->place - next);
      next = p->place;
      g_array_append_val (ids, p->id);
    }
  g_array_append_vals (ids, &g_array_index (kept, gint64, next), kept->len - next);

  return ids;
}

static GArray *
place_again (Placing    *placing,
             GArray     *listed,
             GHashTable *changed)
{
  g_autoptr(GArray) kept = without (listed, changed);
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  GHashTableIter iter;
  gint64 *id;

  g_hash_table_iter_init (&iter, changed);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    if (still_matches (placing, *id))
      {
        Placed p = { *id, find_place (placing, kept, *id) };
        g_array_append_val (placed, p);
      }
  g_array_sort_with_data (placed, compare_placed, placing);

  return merge_placed (kept, placed);
}

/**
 * kith_store_find_again:
 * @listed: what kith_store_find() found for @query, @sort and @group, in order
 * @changed: (element-type gint64): records written since
 *
 * Finds again after a change that named the records it wrote, without sorting every match:
 * the records of @listed not in @changed keep their order; each record of @changed is left out
 * when it no longer matches @query (or is gone), and put where it sorts otherwise. The cost
 * is a lookup per changed record and a few per halving of @listed, not a sort of every match.
 * The records of @listed are taken to sort as they did: one written again since is placed by
 * the change that names it, which follows.
 *
 * Returns: (transfer full) (nullable): the ids as kith_store_find() would find them now
 */
GArray *
kith_store_find_again (KithStore       *self,
                       KithRecordKind   kind,
                       const char      *query,
                       KithSort         sort,
                       KithGroup        group,
                       GArray          *listed,
                       GArray          *changed,
                       GError         **error)
{
  g_autoptr(GHashTable) set = g_hash_table_new (g_int64_hash, g_int64_equal);
  Placing placing = { KITH_STATEMENT_INIT, KITH_STATEMENT_INIT, 0 };
  GArray *ids = NULL;

  g_return_val_if_fail (KITH_IS_STORE (self), NULL);
  g_return_val_if_fail (kind <= KITH_RECORD_PROJECT, NULL);

  for (guint i = 0; i < changed->len; i++)
    g_hash_table_add (set, &g_array_index (changed, gint64, i));

  kith_store_lock (self);
  if (placing_prepare (&placing, self, kind, query, sort, group, error))
    ids = place_again (&placing, listed, set);
  placing_clear (&placing);
  kith_store_unlock (self);

  return ids;
}
