/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithView"

#include "config.h"

#include "kith-enums.h"
#include "kith-model-task.h"
#include "kith-view.h"
#include "kith-views.h"

/*
 * A saved view: a named query over one kind of record, as the sidebar lists it. The calls
 * that read and write views run on the store's worker. Writes take no cancellable: a view
 * the user saved is saved even when the window that asked goes away.
 */

struct _KithView
{
  GObject         parent_instance;

  gint64          id;
  char           *name;
  KithRecordKind  kind;
  char           *query;
};

G_DEFINE_FINAL_TYPE (KithView, kith_view, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_QUERY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kith_view_finalize (GObject *object)
{
  KithView *self = (KithView *)object;

  g_free (self->name);
  g_free (self->query);

  G_OBJECT_CLASS (kith_view_parent_class)->finalize (object);
}

static void
kith_view_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KithView *self = KITH_VIEW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_view_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  KithView *self = KITH_VIEW (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_NAME:
      g_free (self->name);
      self->name = g_value_dup_string (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_QUERY:
      g_free (self->query);
      self->query = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_view_class_init (KithViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_view_finalize;
  object_class->get_property = kith_view_get_property;
  object_class->set_property = kith_view_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, KITH_TYPE_RECORD_KIND, KITH_RECORD_PERSON,
                                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUERY] = g_param_spec_string ("query", NULL, NULL, NULL,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_view_init (KithView *self)
{
}

KithView *
kith_view_new (gint64          id,
               const char     *name,
               KithRecordKind  kind,
               const char     *query)
{
  return g_object_new (KITH_TYPE_VIEW, "id", id, "name", name, "kind", kind, "query", query, NULL);
}

gint64
kith_view_get_id (KithView *self)
{
  g_return_val_if_fail (KITH_IS_VIEW (self), 0);

  return self->id;
}

const char *
kith_view_get_name (KithView *self)
{
  g_return_val_if_fail (KITH_IS_VIEW (self), NULL);

  return self->name;
}

KithRecordKind
kith_view_get_kind (KithView *self)
{
  g_return_val_if_fail (KITH_IS_VIEW (self), KITH_RECORD_PERSON);

  return self->kind;
}

const char *
kith_view_get_query (KithView *self)
{
  g_return_val_if_fail (KITH_IS_VIEW (self), NULL);

  return self->query;
}

static gpointer
list_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  return kith_store_list_views (store, error);
}

void
kith_view_list_async (KithStore           *store,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (store));

  kith_model_run (store, store, list_job, NULL, NULL, g_object_unref, cancellable, kith_view_list_async, callback,
                  user_data);
}

/**
 * kith_view_list_finish:
 *
 * Returns: (transfer full) (nullable): the saved views, a list of #KithView
 */
GListModel *
kith_view_list_finish (KithStore     *store,
                       GAsyncResult  *result,
                       GError       **error)
{
  return kith_model_finish_pointer (store, result, kith_view_list_async, error);
}

typedef struct {
  gint64          id;
  char           *name;
  KithRecordKind  kind;
  char           *query;
} Write;

static void
write_free (Write *write)
{
  g_free (write->name);
  g_free (write->query);
  g_free (write);
}

static Write *
write_new (gint64          id,
           const char     *name,
           KithRecordKind  kind,
           const char     *query)
{
  Write *write = g_new0 (Write, 1);

  write->id = id;
  write->name = g_strdup (name);
  write->kind = kind;
  write->query = g_strdup (query);
  return write;
}

/* The jobs below answer a non-NULL pointer on success */
static gpointer
save_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  Write *write = data;

  return kith_store_save_view (store, write->name, write->kind, write->query, error) != 0 ? store : NULL;
}

static gpointer
rename_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  Write *write = data;

  return kith_store_rename_view (store, write->id, write->name, error) ? store : NULL;
}

static gpointer
delete_job (KithStore  *store,
            gpointer    data,
            GError    **error)
{
  Write *write = data;

  return kith_store_delete_view (store, write->id, error) ? store : NULL;
}

void
kith_view_save_async (KithStore           *store,
                      const char          *name,
                      KithRecordKind       kind,
                      const char          *query,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (KITH_IS_STORE (store));

  kith_model_run (store, store, save_job, write_new (0, name, kind, query), (GDestroyNotify) write_free, NULL, NULL,
                  kith_view_write_finish, callback, user_data);
}

void
kith_view_rename_async (KithView            *self,
                        KithStore           *store,
                        const char          *name,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (KITH_IS_VIEW (self));
  g_return_if_fail (KITH_IS_STORE (store));

  kith_model_run (store, store, rename_job, write_new (self->id, name, self->kind, NULL), (GDestroyNotify) write_free,
                  NULL, NULL, kith_view_write_finish, callback, user_data);
}

void
kith_view_delete_async (KithView            *self,
                        KithStore           *store,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (KITH_IS_VIEW (self));
  g_return_if_fail (KITH_IS_STORE (store));

  kith_model_run (store, store, delete_job, write_new (self->id, NULL, self->kind, NULL), (GDestroyNotify) write_free,
                  NULL, NULL, kith_view_write_finish, callback, user_data);
}

/**
 * kith_view_write_finish:
 *
 * Finishes kith_view_save_async(), kith_view_rename_async() or kith_view_delete_async().
 *
 * Returns: %TRUE when the view was written
 */
gboolean
kith_view_write_finish (KithStore     *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  /* The three writes share this finish, and so its source tag */
  return kith_model_finish_boolean (store, result, kith_view_write_finish, error);
}
