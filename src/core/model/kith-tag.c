/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithTag: a tag and how many records have it. Renaming a tag to the name of another merges
 * the two. Writes are never cancelled.
 */

#define G_LOG_DOMAIN "KithTag"

#include "config.h"

#include "kith-model-task.h"
#include "kith-object-util.h"
#include "kith-relationship.h"
#include "kith-tag.h"
#include "kith-tags.h"

struct _KithTag
{
  GObject  parent_instance;

  char    *name;
  guint    count;
};

G_DEFINE_FINAL_TYPE (KithTag, kith_tag, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_tag_finalize (GObject *object)
{
  KithTag *self = KITH_TAG (object);

  g_free (self->name);

  G_OBJECT_CLASS (kith_tag_parent_class)->finalize (object);
}

static void
kith_tag_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  KithTag *self = KITH_TAG (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_tag_class_init (KithTagClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_tag_finalize;
  object_class->get_property = kith_tag_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* How many people, companies and deals have it */
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_tag_init (KithTag *self)
{
}

/**
 * kith_tag_new:
 * @count: how many records have it
 *
 * Returns: (transfer full): the tag
 */
KithTag *
kith_tag_new (const char *name,
              guint       count)
{
  KithTag *self = g_object_new (KITH_TYPE_TAG, NULL);

  self->name = g_strdup (name);
  self->count = count;

  return self;
}

const char *
kith_tag_get_name (KithTag *self)
{
  g_return_val_if_fail (KITH_IS_TAG (self), NULL);

  return self->name;
}

guint
kith_tag_get_count (KithTag *self)
{
  g_return_val_if_fail (KITH_IS_TAG (self), 0);

  return self->count;
}

static gpointer
list_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  return kith_tags_list (store, error);
}

/**
 * kith_tag_list_async:
 *
 * Reads every tag in use with its count, on the store's worker.
 */
void
kith_tag_list_async (KithStore           *store,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (store));

  kith_model_run (store, store, list_job, NULL, NULL, g_object_unref, cancellable, kith_tag_list_async, callback,
                  user_data);
}

/**
 * kith_tag_list_finish:
 *
 * Returns: (transfer full) (nullable): a #GListModel of #KithTag<!-- -->s
 */
GListModel *
kith_tag_list_finish (KithStore     *store,
                      GAsyncResult  *result,
                      GError       **error)
{
  return kith_model_finish_pointer (store, result, kith_tag_list_async, error);
}

static gpointer
rename_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  GStrv names = data;

  return GINT_TO_POINTER (kith_tags_rename (store, names[0], names[1], error));
}

/**
 * kith_tag_rename_async:
 *
 * Renames the tag on every record that has it (merging it into @name if that is a tag too);
 * never cancelled.
 */
void
kith_tag_rename_async (KithTag             *self,
                       KithStore           *store,
                       const char          *name,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  char *names[] = { self->name, (char *) name, NULL };

  g_return_if_fail (KITH_IS_TAG (self));
  g_return_if_fail (KITH_IS_STORE (store));

  kith_model_run (self, store, rename_job, g_strdupv (names), (GDestroyNotify) g_strfreev, NULL, NULL,
                  kith_tag_rename_async, callback, user_data);
}

gboolean
kith_tag_rename_finish (KithTag       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_tag_rename_async, error);
}

static gpointer
delete_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  return GINT_TO_POINTER (kith_tags_delete (store, data, error));
}

/**
 * kith_tag_delete_async:
 *
 * Takes the tag off every record that has it; never cancelled.
 */
void
kith_tag_delete_async (KithTag             *self,
                       KithStore           *store,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (KITH_IS_TAG (self));
  g_return_if_fail (KITH_IS_STORE (store));

  kith_model_run (self, store, delete_job, g_strdup (self->name), g_free, NULL, NULL, kith_tag_delete_async, callback,
                  user_data);
}

gboolean
kith_tag_delete_finish (KithTag       *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return kith_model_finish_boolean (self, result, kith_tag_delete_async, error);
}
