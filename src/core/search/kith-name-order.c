/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithStore"

#include "config.h"

#include <string.h>

#include "kith-name-order.h"
#include "kith-statement.h"

/*
 * Every record's place in the order of names, kept in memory, so that a page of a search sorted
 * by name needs no sort and no lookup per match: the ids a full-text index or an index of values
 * names are marked in a set of places (a bit each), and the page is the first bits set.
 *
 * A word typed into a list's search names thousands of records among a million (a first name's
 * prefix), spread through the order of names: SQLite either reads each of them by id and sorts
 * them, or walks the names looking each up in the set, reading up to the whole index when the
 * matches sort last (bench/README.md, bench/store: 20–350 ms at a million people, 2–6 ms this way).
 *
 * The order is read again from records_by_name when a record came, went or changed its name or
 * kind: each store's connection counts those changes in name_order, once a transaction, whoever
 * made them (this connection, another process, an undo): kith-change-hook.c sees every row
 * written, and the store counts at commit (migration 25; the triggers of migration 22 did it
 * a row at a time). Reading it takes a walk of the index (5 ms at 10,000
 * records, 50 ms at 100,000, 300–400 ms at a million), so it is read once the names have kept
 * still from one search to the next: while they change (an import, a first mail sync), searches
 * are left to SQLite's plans.
 */

/* Record ids past this are not placed (4 bytes each): the order is not kept */
#define MAX_IDS (64 * 1024 * 1024)

struct _KithNameOrder
{
  gboolean has_mark;       /* kith_mark() is known to the connection */
  gint64   version;        /* of the order held; -1 for none */
  gint64   seen_version;   /* of the names at the last look */
  gsize    n_ids;          /* the largest record id + 1 */
  guint32 *place_of;       /* by record id: its place, from 1; 0 for no record */
  gint64  *id_at;          /* by place - 1 */
  guint32  kind_start[KITH_RECORD_PROJECT + 2];  /* the first place of each kind, and one past */
};

/* Ids are placed a batch at a time: each place is a random read of a table of megabytes,
 * which the processor fetches ahead when told which come next */
#define BATCH 512
#define AHEAD 16

struct _KithNameSet
{
  KithNameOrder *order;
  gboolean       plain;    /* a set of ids themselves, not of places (timeline items) */
  guint32        first;    /* the kind's first place */
  guint32        n;        /* its places, or its ids */
  guint64       *bits;     /* by place - first, or by id */
  guint          n_batch;
  gint64         batch[BATCH];
};

KithNameOrder *
kith_name_order_new (void)
{
  KithNameOrder *self = g_new0 (KithNameOrder, 1);

  self->version = -1;
  self->seen_version = -1;
  return self;
}

static void
forget (KithNameOrder *self)
{
  g_clear_pointer (&self->place_of, g_free);
  g_clear_pointer (&self->id_at, g_free);
  self->n_ids = 0;
  self->version = -1;
}

void
kith_name_order_free (KithNameOrder *self)
{
  if (self == NULL)
    return;

  forget (self);
  g_free (self);
}

static gboolean
read_number (KithStore   *store,
             const char  *sql,
             gint64      *out_number,
             GError     **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;

  *out_number = 0;
  if (!kith_statement_prepare (&st, store, sql, error))
    return FALSE;
  if (kith_statement_step (&st, error))
    *out_number = kith_statement_column_int64 (&st, 0);

  return !kith_statement_failed (&st);
}

/* Reads every record's place from the index of names, which holds (kind, sort_name, id) in the
 * order a search sorted by name gives */
static gboolean
read_order (KithNameOrder  *self,
            KithStore      *store,
            GError        **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  guint32 count[G_N_ELEMENTS (self->kind_start)] = { 0 };
  gint64 largest = 0;
  guint32 place = 0;

  forget (self);
  if (!read_number (store, "SELECT coalesce(max(id), 0) FROM records", &largest, error))
    return FALSE;
  if (largest >= MAX_IDS)
    return TRUE;

  self->n_ids = (gsize) largest + 1;
  self->place_of = g_new0 (guint32, self->n_ids);
  self->id_at = g_new (gint64, self->n_ids);
  if (!kith_statement_prepare (&st, store, "SELECT id, kind FROM records INDEXED BY records_by_name "
                                            "ORDER BY kind, sort_name, id", error))
    return FALSE;
  while (kith_statement_step (&st, error))
    {
      gint64 id = kith_statement_column_int64 (&st, 0);
      gint64 kind = kith_statement_column_int64 (&st, 1);

      if (id <= 0 || id >= (gint64) self->n_ids || kind < 0 || kind > KITH_RECORD_PROJECT)
        continue;
      self->id_at[place] = id;
      self->place_of[id] = ++place;
      count[kind]++;
    }
  if (kith_statement_failed (&st))
    {
      forget (self);
      return FALSE;
    }

  self->kind_start[0] = 1;
  for (guint k = 0; k + 1 < G_N_ELEMENTS (self->kind_start); k++)
    self->kind_start[k + 1] = self->kind_start[k] + count[k];
  return TRUE;
}

/**
 * kith_name_order_ensure:
 * @out_ready: (out): whether the order holds the names as they are now, for sets
 *
 * Reads the order again if the names changed since it was read, and have not changed since the
 * last call. The caller holds the store's lock, outside a write transaction, and reads what it
 * marks in sets in the same read transaction as this call.
 *
 * Returns: %FALSE with @error set when the store could not be read
 */
gboolean
kith_name_order_ensure (KithNameOrder  *self,
                        KithStore      *store,
                        gboolean       *out_ready,
                        GError        **error)
{
  gint64 version = 0;

  /* Without its row (a file edited by hand) nothing would tell a change: no order then. Names
   * this connection moved and has not counted yet: not the order held, nor yet another */
  *out_ready = FALSE;
  if (kith_store_get_names_moved (store))
    return TRUE;
  if (!read_number (store, "SELECT coalesce((SELECT version FROM name_order), -1)", &version, error))
    return FALSE;
  if (version < 0)
    return TRUE;

  if (version != self->version)
    {
      gboolean still = version == self->seen_version;
      gint64 start = g_get_monotonic_time ();

      self->seen_version = version;
      if (!still)
        return TRUE;
      if (!read_order (self, store, error))
        return FALSE;
      if (self->place_of == NULL)
        return TRUE;
      self->version = version;
      g_debug ("Read the order of %u names in %.1f ms", self->kind_start[G_N_ELEMENTS (self->kind_start) - 1] - 1,
               (g_get_monotonic_time () - start) / 1000.0);
    }

  *out_ready = self->place_of != NULL;
  return TRUE;
}

/**
 * kith_name_set_new:
 *
 * Returns: (transfer full): an empty set of the records of @kind, in the order of their names
 */
KithNameSet *
kith_name_set_new (KithNameOrder  *order,
                   KithRecordKind  kind)
{
  KithNameSet *self;

  g_return_val_if_fail (order->place_of != NULL, NULL);

  self = g_new0 (KithNameSet, 1);
  self->order = order;
  self->first = order->kind_start[kind];
  self->n = order->kind_start[kind + 1] - self->first;
  self->bits = g_new0 (guint64, self->n / 64 + 1);
  return self;
}

/**
 * kith_name_set_new_of_ids:
 * @largest: the largest id the set may hold
 *
 * Returns: (transfer full): an empty set of other ids (timeline items), for
 *   kith_name_set_mark() and kith_name_set_has_id()
 */
KithNameSet *
kith_name_set_new_of_ids (KithNameOrder *order,
                          gint64         largest)
{
  KithNameSet *self;

  g_return_val_if_fail (largest >= 0 && largest < MAX_IDS, NULL);

  self = g_new0 (KithNameSet, 1);
  self->order = order;
  self->plain = TRUE;
  self->n = (guint32) largest + 1;
  self->bits = g_new0 (guint64, self->n / 64 + 1);
  return self;
}

static inline gboolean
has_bit (KithNameSet *self,
         guint32      bit)
{
  return bit < self->n && (self->bits[bit / 64] & (G_GUINT64_CONSTANT (1) << (bit % 64))) != 0;
}

static void place_batch (KithNameSet *self);

/* Whether @self, of ids (kith_name_set_new_of_ids()), holds @id */
gboolean
kith_name_set_has_id (KithNameSet *self,
                      gint64       id)
{
  g_return_val_if_fail (self->plain, FALSE);

  place_batch (self);
  return id >= 0 && id < self->n && has_bit (self, (guint32) id);
}

void
kith_name_set_free (KithNameSet *self)
{
  if (self == NULL)
    return;

  g_free (self->bits);
  g_free (self);
}

static void
place_batch (KithNameSet *self)
{
  const guint32 *place_of = self->order->place_of;
  gint64 n_ids = (gint64) self->order->n_ids;

  if (self->plain)
    {
      for (guint i = 0; i < self->n_batch; i++)
        if (self->batch[i] >= 0 && self->batch[i] < self->n)
          self->bits[self->batch[i] / 64] |= G_GUINT64_CONSTANT (1) << (self->batch[i] % 64);
      self->n_batch = 0;
      return;
    }

  for (guint i = 0; i < self->n_batch; i++)
    {
      gint64 id = self->batch[i];
      guint32 bit;

      if (i + AHEAD < self->n_batch && self->batch[i + AHEAD] > 0 && self->batch[i + AHEAD] < n_ids)
        __builtin_prefetch (&place_of[self->batch[i + AHEAD]]);
      if (id <= 0 || id >= n_ids)
        continue;

      bit = place_of[id] - self->first;   /* wraps for 0 and the other kinds */
      if (bit < self->n)
        self->bits[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
    }

  self->n_batch = 0;
}

/* Adds record @id if it is of the set's kind; anything else is left out */
static void
add_id (KithNameSet *self,
        gint64       id)
{
  self->batch[self->n_batch++] = id;
  if (self->n_batch == BATCH)
    place_batch (self);
}

/* Leaves in @self only the records @other holds too */
void
kith_name_set_intersect (KithNameSet *self,
                         KithNameSet *other)
{
  g_return_if_fail (self->order == other->order && self->first == other->first &&
                    self->n == other->n && self->plain == other->plain);

  place_batch (self);
  place_batch (other);
  for (guint32 i = 0; i <= self->n / 64; i++)
    self->bits[i] &= other->bits[i];
}

/* kith_mark(set, id), an aggregate: adds each id to the set, and gives how many it was given.
 * Marking inside the statement spares a row handed out per id: a first letter names most of a
 * million records. */
static void
mark_step (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  KithNameSet *set = sqlite3_value_pointer (argv[0], "KithNameSet");
  gint64 *marked = sqlite3_aggregate_context (context, sizeof (gint64));

  if (set == NULL || marked == NULL)
    return;

  add_id (set, sqlite3_value_int64 (argv[1]));
  (*marked)++;
}

static void
mark_final (sqlite3_context *context)
{
  gint64 *marked = sqlite3_aggregate_context (context, 0);

  sqlite3_result_int64 (context, marked != NULL ? *marked : 0);
}

/**
 * kith_name_set_mark:
 * @sql: a statement whose first column is record ids
 * @params: (element-type GVariant): its parameters
 * @out_marked: (out): how many rows it gave
 *
 * Adds to @self the ids of the records @sql names.
 */
gboolean
kith_name_set_mark (KithNameSet  *self,
                    KithStore    *store,
                    const char   *sql,
                    GPtrArray    *params,
                    gint64       *out_marked,
                    GError      **error)
{
  g_auto(KithStatement) st = KITH_STATEMENT_INIT;
  g_autofree char *marking = g_strdup_printf ("WITH ids(id) AS (%s) SELECT kith_mark(:set, id) FROM ids", sql);

  *out_marked = 0;
  if (!self->order->has_mark)
    {
      if (sqlite3_create_function_v2 (kith_store_get_db (store), "kith_mark", 2,
                                      SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL, NULL,
                                      mark_step, mark_final, NULL) != SQLITE_OK)
        return kith_store_set_sqlite_error (store, error);
      self->order->has_mark = TRUE;
    }

  if (!kith_statement_prepare_once (&st, store, marking, error))
    return FALSE;
  kith_statement_bind_params (&st, params, 1);
  sqlite3_bind_pointer (st.stmt, sqlite3_bind_parameter_index (st.stmt, ":set"), self, "KithNameSet", NULL);
  if (kith_statement_step (&st, error))
    *out_marked = kith_statement_column_int64 (&st, 0);

  return !kith_statement_failed (&st);
}

/**
 * kith_name_set_get_page:
 * @limit: at most this many ids; %G_MAXUINT for all
 * @out_total: (out) (optional): how many records the set holds
 *
 * Returns: (transfer full): the ids from @offset in the order of names (sort_name, then id), as
 *   a #GArray of gint64
 */
GArray *
kith_name_set_get_page (KithNameSet *self,
                        guint        offset,
                        guint        limit,
                        guint       *out_total)
{
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MIN (limit, 1024));
  guint seen = 0;

  place_batch (self);
  for (guint32 i = 0; i <= self->n / 64; i++)
    {
      guint64 word = self->bits[i];
      guint in_word = (guint) __builtin_popcountll (word);

      /* Whole words before the page, and after it when only the total is wanted */
      if (seen + in_word <= offset || ids->len == limit)
        {
          seen += in_word;
          if (ids->len == limit && out_total == NULL)
            break;
          continue;
        }

      for (; word != 0; word &= word - 1)
        {
          guint32 bit = i * 64 + (guint32) __builtin_ctzll (word);

          if (seen++ >= offset && ids->len < limit)
            g_array_append_val (ids, self->order->id_at[self->first + bit - 1]);
        }
    }

  if (out_total != NULL)
    *out_total = seen;
  return ids;
}

/**
 * kith_name_set_walk:
 * @self: the records to walk, in the order of names
 * @named: (nullable): records of @self that match without asking @check
 * @check: whether a record matches, for the others
 * @most: how many records to ask @check about at most
 * @out_done: (out): %FALSE when @check was asked @most times before the page was found
 *
 * The page from @offset of the records of @self that match: by a walk in the order of names that
 * stops at the page's end, for a term whose ids would take longer to collect than the page to
 * find (a word of the mail: its items' people), or that is looked up by record (a query's terms
 * besides its id sources).
 *
 * Returns: (transfer full) (nullable): the ids of the page, or %NULL when not done or on error
 */
GArray *
kith_name_set_walk (KithNameSet    *self,
                    KithNameSet    *named,
                    KithNameCheck   check,
                    gpointer        user_data,
                    guint           offset,
                    guint           limit,
                    guint           most,
                    gboolean       *out_done,
                    GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint seen = 0, asked = 0;

  g_return_val_if_fail (!self->plain && (named == NULL || named->first == self->first), NULL);

  *out_done = FALSE;
  place_batch (self);
  if (named != NULL)
    place_batch (named);

  for (guint32 bit = 0; bit < self->n && ids->len < limit; bit++)
    {
      gint64 id = self->order->id_at[self->first + bit - 1];
      gboolean match = FALSE;

      if (!has_bit (self, bit))
        continue;
      if (named != NULL && has_bit (named, bit))
        match = TRUE;
      else if (asked++ == most)
        {
          g_debug ("Walked %u names without finding the page", most);
          return NULL;
        }
      else if (!check (id, &match, user_data, error))
        return NULL;

      if (match && seen++ >= offset)
        g_array_append_val (ids, id);
    }

  g_debug ("Walked the names for a page of %u, %u of them looked up", ids->len, asked);
  *out_done = TRUE;
  return g_steal_pointer (&ids);
}

/* Every record of @self's kind added to it */
void
kith_name_set_add_all (KithNameSet *self)
{
  g_return_if_fail (!self->plain);

  memset (self->bits, 0xff, (self->n / 64 + 1) * sizeof (guint64));
  if (self->n % 64 != 0)
    self->bits[self->n / 64] = (G_GUINT64_CONSTANT (1) << (self->n % 64)) - 1;
  else
    self->bits[self->n / 64] = 0;
}
