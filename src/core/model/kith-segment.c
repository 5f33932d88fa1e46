/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithSegment: who someone is to you (a segment: Buyer, Seller, Client, …), with its stages and
 * its stay-in-touch cadence. Read and written on the store's worker; writes are never cancelled.
 */

#define G_LOG_DOMAIN "KithSegment"

#include "config.h"

#include "kith-model-task.h"
#include "kith-object-util.h"
#include "kith-relationship.h"
#include "kith-segment.h"
#include "kith-stage.h"

struct _KithSegment
{
  GObject     parent_instance;

  char       *key;
  char       *name;
  char       *category;
  gboolean    for_people;
  gboolean    enabled;
  int         cadence;
  GListStore *stages;
};

G_DEFINE_FINAL_TYPE (KithSegment, kith_segment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_NAME,
  PROP_CATEGORY,
  PROP_FOR_PEOPLE,
  PROP_ENABLED,
  PROP_CADENCE,
  PROP_STAGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_segment_finalize (GObject *object)
{
  KithSegment *self = KITH_SEGMENT (object);

  g_free (self->key);
  g_free (self->name);
  g_free (self->category);
  g_object_unref (self->stages);

  G_OBJECT_CLASS (kith_segment_parent_class)->finalize (object);
}

static void
kith_segment_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KithSegment *self = KITH_SEGMENT (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;
    case PROP_FOR_PEOPLE:
      g_value_set_boolean (value, self->for_people);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_CADENCE:
      g_value_set_int (value, self->cadence);
      break;
    case PROP_STAGES:
      g_value_set_object (value, self->stages);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_segment_class_init (KithSegmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_segment_finalize;
  object_class->get_property = kith_segment_get_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  /* "personal", "business" or "project" */
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, flags);
  /* For people (with a cadence), or for deals and properties */
  properties[PROP_FOR_PEOPLE] = g_param_spec_boolean ("for-people", NULL, NULL, TRUE, flags);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE, flags);
  /* Days between contacts before the Agenda says to get in touch; 0 for never */
  properties[PROP_CADENCE] = g_param_spec_int ("cadence", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_STAGES] = g_param_spec_object ("stages", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_segment_init (KithSegment *self)
{
  self->stages = g_list_store_new (KITH_TYPE_STAGE);
}

/**
 * kith_segment_new:
 * @category: "personal", "business" or "project"
 * @for_people: whether it is a segment of people (else of deals)
 * @cadence: days between contacts; 0 for none
 *
 * Returns: (transfer full): a segment without stages yet; see kith_segment_append_stage()
 */
KithSegment *
kith_segment_new (const char *key,
                  const char *name,
                  const char *category,
                  gboolean    for_people,
                  gboolean    enabled,
                  int         cadence)
{
  KithSegment *self = g_object_new (KITH_TYPE_SEGMENT, NULL);

  self->key = g_strdup (key);
  self->name = g_strdup (name);
  self->category = g_strdup (category);
  self->for_people = for_people;
  self->enabled = enabled;
  self->cadence = MAX (cadence, 0);

  return self;
}

/* Adds @stage at the end, while the reader that made the segment builds it */
void
kith_segment_append_stage (KithSegment *self,
                           KithStage   *stage)
{
  g_return_if_fail (KITH_IS_SEGMENT (self));
  g_return_if_fail (KITH_IS_STAGE (stage));

  g_list_store_append (self->stages, stage);
}

const char *
kith_segment_get_key (KithSegment *self)
{
  g_return_val_if_fail (KITH_IS_SEGMENT (self), NULL);

  return self->key;
}

const char *
kith_segment_get_name (KithSegment *self)
{
  g_return_val_if_fail (KITH_IS_SEGMENT (self), NULL);

  return self->name;
}

const char *
kith_segment_get_category (KithSegment *self)
{
  g_return_val_if_fail (KITH_IS_SEGMENT (self), NULL);

  return self->category;
}

gboolean
kith_segment_get_for_people (KithSegment *self)
{
  g_return_val_if_fail (KITH_IS_SEGMENT (self), FALSE);

  return self->for_people;
}

/* Whether the segment is one of deals (projects) rather than of people and companies */
gboolean
kith_segment_get_for_deals (KithSegment *self)
{
  g_return_val_if_fail (KITH_IS_SEGMENT (self), FALSE);

  return !self->for_people;
}

gboolean
kith_segment_get_enabled (KithSegment *self)
{
  g_return_val_if_fail (KITH_IS_SEGMENT (self), FALSE);

  return self->enabled;
}

int
kith_segment_get_cadence (KithSegment *self)
{
  g_return_val_if_fail (KITH_IS_SEGMENT (self), 0);

  return self->cadence;
}

/**
 * kith_segment_get_stages:
 *
 * Returns: (transfer none): the segment's #KithStage<!-- -->s, in order
 */
GListModel *
kith_segment_get_stages (KithSegment *self)
{
  g_return_val_if_fail (KITH_IS_SEGMENT (self), NULL);

  return G_LIST_MODEL (self->stages);
}

/**
 * kith_segment_find_stage:
 * @key: (nullable): a stage's key
 *
 * Returns: (transfer none) (nullable): the segment's stage of that key
 */
KithStage *
kith_segment_find_stage (KithSegment *self,
                         const char  *key)
{
  guint n;

  g_return_val_if_fail (KITH_IS_SEGMENT (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->stages));
  for (guint i = 0; key != NULL && i < n; i++)
    {
      g_autoptr(KithStage) stage = g_list_model_get_item (G_LIST_MODEL (self->stages), i);

      if (g_strcmp0 (kith_stage_get_key (stage), key) == 0)
        return stage;
    }

  return NULL;
}

/**
 * kith_segment_new_none:
 * @name: what to call it ("None")
 *
 * Returns: (transfer full): the segment of a record in none: no key, no stages
 */
KithSegment *
kith_segment_new_none (const char *name)
{
  KithSegment *self = g_object_new (KITH_TYPE_SEGMENT, NULL);

  self->name = g_strdup (name);
  return self;
}

static void
set_values (KithSegment *self,
            const char  *name,
            gboolean     enabled,
            int          cadence)
{
  if (kith_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  if (self->enabled != enabled)
    {
      self->enabled = enabled;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
    }
  if (self->cadence != cadence)
    {
      self->cadence = cadence;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CADENCE]);
    }
}

/**
 * kith_segment_update:
 * @from: the same segment, read again
 *
 * Takes the values of @from, so that rows bound to @self show them and stay as they are.
 *
 * Returns: whether @from is the same segment with the same stages (else nothing changed)
 */
gboolean
kith_segment_update (KithSegment *self,
                     KithSegment *from)
{
  guint n;

  g_return_val_if_fail (KITH_IS_SEGMENT (self), FALSE);
  g_return_val_if_fail (KITH_IS_SEGMENT (from), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->stages));
  if (g_strcmp0 (self->key, from->key) != 0 || n != g_list_model_get_n_items (G_LIST_MODEL (from->stages)))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithStage) mine = g_list_model_get_item (G_LIST_MODEL (self->stages), i);
      g_autoptr(KithStage) theirs = g_list_model_get_item (G_LIST_MODEL (from->stages), i);

      if (g_strcmp0 (kith_stage_get_key (mine), kith_stage_get_key (theirs)) != 0)
        return FALSE;
    }

  set_values (self, from->name, from->enabled, from->cadence);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithStage) mine = g_list_model_get_item (G_LIST_MODEL (self->stages), i);
      g_autoptr(KithStage) theirs = g_list_model_get_item (G_LIST_MODEL (from->stages), i);

      kith_stage_update (mine, theirs);
    }

  return TRUE;
}

static gpointer
list_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  return kith_relationship_list_segments (store, error);
}

/**
 * kith_segment_list_async:
 *
 * Reads every segment with its stages and steps, on the store's worker.
 */
void
kith_segment_list_async (KithStore           *store,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (store));

  kith_model_run (store, store, list_job, NULL, NULL, g_object_unref, cancellable, kith_segment_list_async, callback,
                  user_data);
}

/**
 * kith_segment_list_finish:
 *
 * Returns: (transfer full) (nullable): a #GListModel of #KithSegment<!-- -->s
 */
GListModel *
kith_segment_list_finish (KithStore     *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  return kith_model_finish_pointer (store, result, kith_segment_list_async, error);
}

typedef struct {
  char     *key;
  char     *name;
  gboolean  enabled;
  gboolean  for_people;
  int       cadence;
  KithSegment *owner;   /* what takes the values once saved; held on the calling thread */
} SegmentWrite;

static void
segment_write_free (SegmentWrite *write)
{
  g_free (write->key);
  g_free (write->name);
  g_clear_object (&write->owner);
  g_free (write);
}

static gpointer
save_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  SegmentWrite *write = data;

  if (!kith_relationship_update_segment (store, write->key, write->name, write->enabled, error))
    return NULL;
  if (write->for_people && !kith_relationship_set_cadence (store, write->key, write->cadence, error))
    return NULL;

  return GINT_TO_POINTER (TRUE);
}

static void
apply_save (gpointer data,
            gpointer saved)
{
  SegmentWrite *write = data;
  KithSegment *self = write->owner;

  set_values (self, write->name != NULL ? write->name : self->name, write->enabled,
              write->for_people ? write->cadence : self->cadence);
}

/**
 * kith_segment_save_async:
 * @name: (nullable): its new name, or %NULL to keep it
 * @cadence: days between contacts (segments for people only)
 *
 * Saves the segment's name, whether it is offered, and its cadence; never cancelled. @self
 * takes the values once they are saved.
 */
void
kith_segment_save_async (KithSegment         *self,
                         KithStore           *store,
                         const char          *name,
                         gboolean             enabled,
                         int                  cadence,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  SegmentWrite *write = g_new0 (SegmentWrite, 1);

  g_return_if_fail (KITH_IS_SEGMENT (self));
  g_return_if_fail (KITH_IS_STORE (store));

  write->key = g_strdup (self->key);
  write->name = g_strdup (name);
  write->enabled = enabled;
  write->for_people = self->for_people;
  write->cadence = MAX (cadence, 0);
  write->owner = g_object_ref (self);
  /* The job reads @write while the call keeps it, to apply once saved */
  kith_model_run_then (self, store, save_job, write, NULL, NULL, apply_save, write, (GDestroyNotify) segment_write_free,
                       NULL, kith_segment_save_async, callback, user_data);
}

gboolean
kith_segment_save_finish (KithSegment   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_segment_save_async, error);
}

typedef struct {
  char     *name;
  gboolean  for_deals;
} SegmentAdd;

static void
segment_add_free (SegmentAdd *add)
{
  g_free (add->name);
  g_free (add);
}

static gpointer
add_job (KithStore  *store,
         gpointer    data,
         GError    **error)
{
  SegmentAdd *add = data;

  return kith_relationship_add_segment (store, add->name, add->for_deals, error);
}

/**
 * kith_segment_add_async:
 * @name: what the new segment is called
 * @for_deals: whether deals are in it rather than people
 *
 * Adds a segment with the five stages of its kind; never cancelled. The store names what is
 * wrong (no name, a name taken).
 */
void
kith_segment_add_async (KithStore           *store,
                        const char          *name,
                        gboolean             for_deals,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  SegmentAdd *add = g_new0 (SegmentAdd, 1);

  g_return_if_fail (KITH_IS_STORE (store));

  add->name = g_strdup (name);
  add->for_deals = for_deals;
  kith_model_run (store, store, add_job, add, (GDestroyNotify) segment_add_free, g_free, NULL,
                  kith_segment_add_async, callback, user_data);
}

/**
 * kith_segment_add_finish:
 *
 * Returns: (transfer full) (nullable): the new segment's key
 */
char *
kith_segment_add_finish (KithStore     *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  return kith_model_finish_pointer (store, result, kith_segment_add_async, error);
}

static gpointer
remove_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  return GINT_TO_POINTER (kith_relationship_remove_segment (store, data, error));
}

/**
 * kith_segment_remove_async:
 *
 * Removes the segment with its stages and steps; never cancelled. Refused, saying why, while
 * records are in it (kith_relationship_remove_segment()).
 */
void
kith_segment_remove_async (KithSegment         *self,
                           KithStore           *store,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (KITH_IS_SEGMENT (self));
  g_return_if_fail (KITH_IS_STORE (store));

  kith_model_run (self, store, remove_job, g_strdup (self->key), g_free, NULL, NULL,
                  kith_segment_remove_async, callback, user_data);
}

gboolean
kith_segment_remove_finish (KithSegment   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_segment_remove_async, error);
}
