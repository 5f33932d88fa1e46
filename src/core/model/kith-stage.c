/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithStage: a stage of a segment (Lead, Client, …) with its next steps, in order. Writes are
 * never cancelled: what the user changed is saved even when the window that asked is gone.
 */

#define G_LOG_DOMAIN "KithStage"

#include "config.h"

#include "kith-model-task.h"
#include "kith-object-util.h"
#include "kith-relationship.h"
#include "kith-stage.h"
#include "kith-step.h"

struct _KithStage
{
  GObject     parent_instance;

  char       *key;
  char       *segment;
  char       *name;
  GListStore *steps;
};

G_DEFINE_FINAL_TYPE (KithStage, kith_stage, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_SEGMENT,
  PROP_NAME,
  PROP_STEPS,
  PROP_N_STEPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_steps_changed_cb (GListModel *steps,
                     guint       position,
                     guint       removed,
                     guint       added,
                     KithStage  *self)
{
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STEPS]);
}

static void
kith_stage_finalize (GObject *object)
{
  KithStage *self = KITH_STAGE (object);

  g_free (self->key);
  g_free (self->segment);
  g_free (self->name);
  g_object_unref (self->steps);

  G_OBJECT_CLASS (kith_stage_parent_class)->finalize (object);
}

static void
kith_stage_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KithStage *self = KITH_STAGE (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_SEGMENT:
      g_value_set_string (value, self->segment);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_STEPS:
      g_value_set_object (value, self->steps);
      break;
    case PROP_N_STEPS:
      g_value_set_uint (value, kith_stage_get_n_steps (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_stage_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KithStage *self = KITH_STAGE (object);

  switch (prop_id)
    {
    case PROP_KEY:
      self->key = g_value_dup_string (value);
      break;
    case PROP_SEGMENT:
      self->segment = g_value_dup_string (value);
      break;
    case PROP_NAME:
      kith_stage_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_stage_class_init (KithStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_stage_finalize;
  object_class->get_property = kith_stage_get_property;
  object_class->set_property = kith_stage_set_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEGMENT] =
    g_param_spec_string ("segment", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEPS] =
    g_param_spec_object ("steps", NULL, NULL, G_TYPE_LIST_MODEL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_STEPS] =
    g_param_spec_uint ("n-steps", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_stage_init (KithStage *self)
{
  self->steps = g_list_store_new (KITH_TYPE_STEP);
  g_signal_connect_object (self->steps, "items-changed", G_CALLBACK (on_steps_changed_cb), self, 0);
}

/**
 * kith_stage_new:
 * @segment: the key of the stage's segment
 *
 * Returns: (transfer full): the stage, without steps yet; see kith_stage_append_step()
 */
KithStage *
kith_stage_new (const char *segment,
                const char *key,
                const char *name)
{
  return g_object_new (KITH_TYPE_STAGE, "segment", segment, "key", key, "name", name, NULL);
}

/* Adds @step at the end, while the reader that made the stage builds it */
void
kith_stage_append_step (KithStage *self,
                        KithStep  *step)
{
  g_return_if_fail (KITH_IS_STAGE (self));
  g_return_if_fail (KITH_IS_STEP (step));

  g_list_store_append (self->steps, step);
}

const char *
kith_stage_get_key (KithStage *self)
{
  g_return_val_if_fail (KITH_IS_STAGE (self), NULL);

  return self->key;
}

const char *
kith_stage_get_segment (KithStage *self)
{
  g_return_val_if_fail (KITH_IS_STAGE (self), NULL);

  return self->segment;
}

const char *
kith_stage_get_name (KithStage *self)
{
  g_return_val_if_fail (KITH_IS_STAGE (self), NULL);

  return self->name;
}

void
kith_stage_set_name (KithStage  *self,
                     const char *name)
{
  g_return_if_fail (KITH_IS_STAGE (self));

  if (kith_set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * kith_stage_get_steps:
 *
 * Returns: (transfer none): the stage's #KithStep<!-- -->s, in order
 */
GListModel *
kith_stage_get_steps (KithStage *self)
{
  g_return_val_if_fail (KITH_IS_STAGE (self), NULL);

  return G_LIST_MODEL (self->steps);
}

guint
kith_stage_get_n_steps (KithStage *self)
{
  g_return_val_if_fail (KITH_IS_STAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->steps));
}

static GPtrArray *
copy_steps (GListModel *steps)
{
  GPtrArray *copies = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(KithStep) step = g_list_model_get_item (steps, i);

      g_ptr_array_add (copies, kith_step_copy (step));
    }

  return copies;
}

/* The stage has copies of @steps, as saved */
static void
set_steps (KithStage *self,
           GPtrArray *steps)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < steps->len; i++)
    g_ptr_array_add (copies, kith_step_copy (g_ptr_array_index (steps, i)));
  g_list_store_splice (self->steps, 0, kith_stage_get_n_steps (self), copies->pdata, copies->len);
}

/* Takes the name and steps of @from, the same stage read again */
void
kith_stage_update (KithStage *self,
                   KithStage *from)
{
  g_autoptr(GPtrArray) steps = NULL;

  g_return_if_fail (KITH_IS_STAGE (self));
  g_return_if_fail (KITH_IS_STAGE (from));

  kith_stage_set_name (self, from->name);
  steps = copy_steps (G_LIST_MODEL (from->steps));
  g_list_store_splice (self->steps, 0, kith_stage_get_n_steps (self), steps->pdata, steps->len);
}

/**
 * kith_stage_dup_steps:
 *
 * Returns: (transfer full): copies of the steps, to edit and save with
 *   kith_stage_save_steps_async()
 */
GListStore *
kith_stage_dup_steps (KithStage *self)
{
  GListStore *copy = g_list_store_new (KITH_TYPE_STEP);
  g_autoptr(GPtrArray) steps = NULL;

  g_return_val_if_fail (KITH_IS_STAGE (self), NULL);

  steps = copy_steps (G_LIST_MODEL (self->steps));
  g_list_store_splice (copy, 0, 0, steps->pdata, steps->len);

  return copy;
}

typedef struct {
  char      *segment;
  char      *stage;
  char      *name;
  GPtrArray *steps;   /* copies of the steps, for the worker; new ones get their keys there */
  GPtrArray *saved;   /* the KithSteps @steps was copied from, to give the new ones their keys */
  KithStage *owner;   /* what takes the values once saved; held on the calling thread */
} StageWrite;

static void
stage_write_free (StageWrite *write)
{
  g_free (write->segment);
  g_free (write->stage);
  g_free (write->name);
  g_clear_pointer (&write->steps, g_ptr_array_unref);
  g_clear_pointer (&write->saved, g_ptr_array_unref);
  g_clear_object (&write->owner);
  g_free (write);
}

static StageWrite *
stage_write_new (KithStage *self)
{
  StageWrite *write = g_new0 (StageWrite, 1);

  write->segment = g_strdup (self->segment);
  write->stage = g_strdup (self->key);

  return write;
}

static gpointer
rename_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  StageWrite *write = data;

  return GINT_TO_POINTER (kith_relationship_rename_stage (store, write->segment, write->stage, write->name, error));
}

static void
apply_name (gpointer data,
            gpointer saved)
{
  StageWrite *write = data;

  kith_stage_set_name (write->owner, write->name);
}

/**
 * kith_stage_rename_async:
 *
 * Renames the stage in the store (never cancelled); @self takes the name once it is saved.
 */
void
kith_stage_rename_async (KithStage           *self,
                         KithStore           *store,
                         const char          *name,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  StageWrite *write;

  g_return_if_fail (KITH_IS_STAGE (self));
  g_return_if_fail (KITH_IS_STORE (store));

  write = stage_write_new (self);
  write->name = g_strdup (name);
  write->owner = g_object_ref (self);
  kith_model_run_then (self, store, rename_job, write, NULL, NULL, apply_name, write, (GDestroyNotify) stage_write_free,
                       NULL, kith_stage_rename_async, callback, user_data);
}

gboolean
kith_stage_rename_finish (KithStage     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_stage_rename_async, error);
}

static gpointer
save_steps_job (KithStore  *store,
                gpointer    data,
                GError    **error)
{
  StageWrite *write = data;

  return GINT_TO_POINTER (kith_relationship_set_steps (store, write->segment, write->stage, write->steps, error));
}

/* The steps saved become the stage's; a step added is edited on: its next save must keep the
 * key it has now */
static void
apply_steps (gpointer data,
             gpointer saved)
{
  StageWrite *write = data;

  for (guint i = 0; i < write->saved->len; i++)
    if (kith_step_get_key (g_ptr_array_index (write->saved, i)) == NULL)
      kith_step_set_key (g_ptr_array_index (write->saved, i), kith_step_get_key (g_ptr_array_index (write->steps, i)));
  set_steps (write->owner, write->saved);
}

/**
 * kith_stage_save_steps_async:
 * @steps: the #KithStep<!-- -->s the stage is to have, in order
 *
 * Replaces the stage's steps in the store, keeping the keys of those kept; new steps in @steps
 * get their keys when saved. Never cancelled.
 */
void
kith_stage_save_steps_async (KithStage           *self,
                             KithStore           *store,
                             GListModel          *steps,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  StageWrite *write;

  g_return_if_fail (KITH_IS_STAGE (self));
  g_return_if_fail (KITH_IS_STORE (store));
  g_return_if_fail (G_IS_LIST_MODEL (steps));

  write = stage_write_new (self);
  write->owner = g_object_ref (self);
  write->steps = copy_steps (steps);
  write->saved = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    g_ptr_array_add (write->saved, g_list_model_get_item (steps, i));
  /* The job reads @write while the call keeps it, to apply once the steps are saved */
  kith_model_run_then (self, store, save_steps_job, write, NULL, NULL, apply_steps, write,
                       (GDestroyNotify) stage_write_free, NULL, kith_stage_save_steps_async, callback, user_data);
}

gboolean
kith_stage_save_steps_finish (KithStage     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_stage_save_steps_async, error);
}
