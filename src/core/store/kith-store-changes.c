/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithStore"

#include "config.h"

#include "kith-store-changes.h"

/*
 * What changed, for KithStore::changed: the kinds of records touched, the ids of the records
 * written — their rows of `records`, or what hangs off them (timeline, to-dos, tags, channels,
 * fields, members, files) — whether records of a kind were added or removed, which columns of
 * `records` an update changed, and for each kind whether something no record owns changed with
 * them (stage or segment names, steps, tag names, fields, settings, the Inbox). A list uses
 * this to do the least work: read again the rows it holds, and place again only the records
 * named. A capture batch of 10,000 messages stays small: beyond MAX_IDS ids the changes say
 * "many" instead of listing them.
 *
 * The store fills one per transaction, then seals it (kith_store_changes_seal()): which kinds
 * it names are known only from the writers' kith_store_mark_changed(), what was written only
 * from the connection, so the kinds learn at the end what their transaction wrote.
 *
 * Rows that belong to no record and that lists outside the records show (the Outbox and
 * Drafts, signatures) name their area instead (KithStoreArea), from the connection alone.
 */

#define MAX_IDS 1000
#define N_KINDS 3

typedef enum {
  WROTE_ROWS    = 1 << 0,  /* rows of `records` */
  WROTE_DETAILS = 1 << 1,  /* rows that belong to one record: its timeline, tags, channels… */
  WROTE_SHARED  = 1 << 2,  /* rows no record owns: stages, segments, steps, tags, settings… */
} Wrote;

struct _KithStoreChanges
{
  gatomicrefcount  ref_count;
  guint            kinds;            /* 1 << KithRecordKind */
  guint            marked_kinds;     /* kinds the writers named, this transaction */
  Wrote            wrote;            /* what this transaction wrote, until sealed */
  guint            detail_kinds;     /* kinds with what hangs off their records written */
  guint            shared_kinds;     /* kinds with something no record owns written */
  guint            reshaped_kinds;   /* kinds with records added or removed */
  guint64          columns[N_KINDS]; /* bit i: column i of `records` changed by an update */
  GHashTable      *ids;              /* gint64 set; NULL once there are more than MAX_IDS */
  KithStoreArea    areas;            /* what else was written */
};

G_DEFINE_BOXED_TYPE (KithStoreChanges, kith_store_changes, kith_store_changes_ref, kith_store_changes_unref)

/* The columns of `records`, in table order: the same for every store, learnt at the first open */
static char **column_names;

KithStoreChanges *
kith_store_changes_new (void)
{
  KithStoreChanges *self = g_new0 (KithStoreChanges, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  return self;
}

KithStoreChanges *
kith_store_changes_ref (KithStoreChanges *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
kith_store_changes_unref (KithStoreChanges *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->ids, g_hash_table_unref);
      g_free (self);
    }
}

/**
 * kith_store_changes_get_kinds:
 *
 * Returns: a bit mask of `1 << KithRecordKind` for the kinds whose records changed
 */
guint
kith_store_changes_get_kinds (KithStoreChanges *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->kinds;
}

gboolean
kith_store_changes_has_kind (KithStoreChanges *self,
                             KithRecordKind    kind)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return (self->kinds & (1u << kind)) != 0;
}

/**
 * kith_store_changes_has_many:
 *
 * Returns: %TRUE when too many records changed to list them: treat every record as changed
 */
gboolean
kith_store_changes_has_many (KithStoreChanges *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->ids == NULL;
}

/**
 * kith_store_changes_contains:
 *
 * Returns: whether the row of record @id was written (always %TRUE when there were many)
 */
gboolean
kith_store_changes_contains (KithStoreChanges *self,
                             gint64            id)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->ids == NULL || g_hash_table_contains (self->ids, &id);
}

/**
 * kith_store_changes_is_reshaped:
 *
 * Returns: whether records of @kind were added or removed
 */
gboolean
kith_store_changes_is_reshaped (KithStoreChanges *self,
                                KithRecordKind    kind)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return (self->reshaped_kinds & (1u << kind)) != 0;
}

/**
 * kith_store_changes_only_rows:
 *
 * Returns: whether all that changed for @kind are rows of `records`; when %FALSE something
 *   else about them changed too (timeline, to-dos, tags, channels, fields, or what
 *   kith_store_changes_has_shared() tells)
 */
gboolean
kith_store_changes_only_rows (KithStoreChanges *self,
                              KithRecordKind    kind)
{
  guint bit = 1u << kind;

  g_return_val_if_fail (self != NULL, FALSE);

  return ((self->detail_kinds | self->shared_kinds) & bit) == 0;
}

/**
 * kith_store_changes_has_shared:
 *
 * Returns: whether something that belongs to no one record changed with records of @kind:
 *   stage, segment or tag names, steps, fields, settings, the Inbox. What every record shows
 *   or matches can have changed, not only the records named.
 */
gboolean
kith_store_changes_has_shared (KithStoreChanges *self,
                               KithRecordKind    kind)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return (self->shared_kinds & (1u << kind)) != 0;
}

/**
 * kith_store_changes_dup_ids:
 *
 * Returns: (transfer full) (nullable): the ids of the records named, in no order; %NULL when
 *   there were too many (kith_store_changes_has_many())
 */
GArray *
kith_store_changes_dup_ids (KithStoreChanges *self)
{
  GArray *ids;
  GHashTableIter iter;
  gint64 *id;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->ids == NULL)
    return NULL;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), g_hash_table_size (self->ids));
  g_hash_table_iter_init (&iter, self->ids);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    g_array_append_val (ids, *id);

  return ids;
}

/**
 * kith_store_changes_has_area:
 *
 * Returns: whether something of @area was written: the Outbox's messages, signatures
 */
gboolean
kith_store_changes_has_area (KithStoreChanges *self,
                             KithStoreArea     area)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return (self->areas & area) != 0;
}

/**
 * kith_store_changes_column_changed:
 * @column: a column of the `records` table, e.g. "sort_name"
 *
 * Returns: whether an update of a record of @kind changed @column
 */
gboolean
kith_store_changes_column_changed (KithStoreChanges *self,
                                   KithRecordKind    kind,
                                   const char       *column)
{
  int index = kith_store_changes_get_column (column);

  g_return_val_if_fail (self != NULL, TRUE);
  g_return_val_if_fail (kind < N_KINDS, TRUE);

  if (index < 0)
    return TRUE;

  return (self->columns[kind] & (G_GUINT64_CONSTANT (1) << index)) != 0;
}

/* The kinds a writer says it changed; what it wrote says how (kith_store_changes_seal()) */
void
kith_store_changes_add_kinds (KithStoreChanges *self,
                              guint             kinds)
{
  self->kinds |= kinds;
  self->marked_kinds |= kinds;
}

static void
add_id (KithStoreChanges *self,
        gint64            id)
{
  if (self->ids == NULL || g_hash_table_contains (self->ids, &id))
    return;

  if (g_hash_table_size (self->ids) >= MAX_IDS)
    g_clear_pointer (&self->ids, g_hash_table_unref);
  else
    g_hash_table_add (self->ids, g_memdup2 (&id, sizeof id));
}

void
kith_store_changes_add_row (KithStoreChanges *self,
                            KithRecordKind    kind,
                            gint64            id,
                            gboolean          added_or_removed,
                            guint64           columns)
{
  guint bit = 1u << kind;

  if (kind >= N_KINDS)
    return;

  self->kinds |= bit;
  self->wrote |= WROTE_ROWS;
  if (added_or_removed)
    self->reshaped_kinds |= bit;
  self->columns[kind] |= columns;
  add_id (self, id);
}

/* Record @id's timeline, to-dos, tags, channels, fields, members or files were written; 0 for
 * a timeline item or to-do whose records are named apart */
void
kith_store_changes_add_detail (KithStoreChanges *self,
                               gint64            id)
{
  self->wrote |= WROTE_DETAILS;
  if (id != 0)
    add_id (self, id);
}

/* Names @id with nothing of it written: it shows what was (a company its people's timeline),
 * or its search text was indexed again */
void
kith_store_changes_add_named (KithStoreChanges *self,
                              gint64            id)
{
  add_id (self, id);
}

/* Something no record owns was written */
void
kith_store_changes_add_shared (KithStoreChanges *self)
{
  self->wrote |= WROTE_SHARED;
}

/* More was written than can be named */
void
kith_store_changes_add_many (KithStoreChanges *self)
{
  g_clear_pointer (&self->ids, g_hash_table_unref);
}

/* Rows of @area were written */
void
kith_store_changes_add_area (KithStoreChanges *self,
                             KithStoreArea     area)
{
  self->areas |= area;
}

/* At the end of a transaction: the kinds its writers named changed the way it wrote. A kind
 * named with nothing written that says which records (an Inbox state, say) changed in a way
 * only a fresh read shows: it counts as shared. */
void
kith_store_changes_seal (KithStoreChanges *self)
{
  if ((self->wrote & WROTE_SHARED) != 0 || (self->wrote & (WROTE_ROWS | WROTE_DETAILS)) == 0)
    self->shared_kinds |= self->marked_kinds;
  if ((self->wrote & WROTE_DETAILS) != 0)
    self->detail_kinds |= self->marked_kinds;
  self->marked_kinds = 0;
  self->wrote = 0;
}

void
kith_store_changes_merge (KithStoreChanges *self,
                          KithStoreChanges *other)
{
  GHashTableIter iter;
  gint64 *id;

  self->kinds |= other->kinds;
  self->detail_kinds |= other->detail_kinds;
  self->shared_kinds |= other->shared_kinds;
  self->reshaped_kinds |= other->reshaped_kinds;
  self->areas |= other->areas;
  for (guint k = 0; k < N_KINDS; k++)
    self->columns[k] |= other->columns[k];

  if (other->ids == NULL)
    {
      g_clear_pointer (&self->ids, g_hash_table_unref);
      return;
    }

  g_hash_table_iter_init (&iter, other->ids);
  while (self->ids != NULL && g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    add_id (self, *id);
}

gboolean
kith_store_changes_is_empty (KithStoreChanges *self)
{
  return self->kinds == 0 && self->areas == 0;
}

/* @names: (transfer full): the columns of `records`, in order; kept for the process */
void
kith_store_changes_set_columns (char **names)
{
  if (!g_once_init_enter (&column_names))
    {
      g_strfreev (names);
      return;
    }

  g_assert (g_strv_length (names) <= 64);
  g_once_init_leave (&column_names, names);
}

/* Returns: the index of @name among the columns of `records`, or -1 */
int
kith_store_changes_get_column (const char *name)
{
  for (guint i = 0; column_names != NULL && column_names[i] != NULL; i++)
    if (g_str_equal (column_names[i], name))
      return (int) i;

  return -1;
}
