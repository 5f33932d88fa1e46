/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMergePage: the window's Mail Merges page — each merge that has started (KithMailMerge),
 * the newest first, in a KithMergeRow. The page follows the Outbox: on each change to it the
 * running merges read back what their messages did (kith_store_mail_merge_follow()) and the
 * list is read again, on the store's worker, then applied as the smallest changes, so a row
 * that stays is kept and its bindings show the new counts. While a merge runs or is paused
 * the page is `busy`, with the `fraction` of those merges done, for the sidebar's indicator.
 */

#define G_LOG_DOMAIN "KithMergePage"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"
#include "kith-list-sync.h"
#include "kith-merge-page.h"
#include "kith-merge-row.h"
#include "kith-object-util.h"

struct _KithMergePage
{
  GtkWidget     parent_instance;

  GtkListBox   *list_box;

  KithStore    *store;
  GListStore   *merges;     /* KithMailMerge */
  gboolean      show_back;
  gboolean      busy;
  double        fraction;
  KithSerial    reload;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (KithMergePage, kith_merge_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_MERGES,
  PROP_COUNT,
  PROP_BUSY,
  PROP_FRACTION,
  PROP_SHOW_BACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (KithMergePage *self);

static gboolean
same_merge (gpointer item,
            gpointer other)
{
  return kith_mail_merge_get_id (item) == kith_mail_merge_get_id (other);
}

static void
update_merge (gpointer item,
              gpointer from)
{
  kith_object_update (item, from, NULL);
}

/* Busy while a merge runs or is paused; how much of those is done */
static void
sum_up (KithMergePage *self)
{
  GListModel *merges = G_LIST_MODEL (self->merges);
  guint done = 0;
  guint total = 0;
  gboolean busy = FALSE;
  double fraction;

  for (guint i = 0; i < g_list_model_get_n_items (merges); i++)
    {
      g_autoptr(KithMailMerge) merge = g_list_model_get_item (merges, i);
      KithMergeState state = kith_mail_merge_get_state (merge);

      if (state != KITH_MERGE_RUNNING && state != KITH_MERGE_PAUSED)
        continue;
      busy = TRUE;
      total += kith_mail_merge_get_total (merge);
      done += kith_mail_merge_get_total (merge) - kith_mail_merge_get_pending (merge);
    }
  fraction = total > 0 ? (double) done / total : 0.0;

  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (self->busy != busy)
    {
      self->busy = busy;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
    }
}

static void
show_merges (KithMergePage *self,
             GListModel    *found)
{
  guint count = g_list_model_get_n_items (G_LIST_MODEL (self->merges));

  kith_list_store_sync_model (self->merges, found, same_merge, update_merge);
  if (count != g_list_model_get_n_items (found))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
  sum_up (self);
}

static void
on_listed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithMergePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = kith_store_mail_merge_list_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (found != NULL)
    show_merges (self, found);
  else
    kith_widget_show_error (GTK_WIDGET (self), error->message);
  if (kith_serial_end (&self->reload))
    reload (self);
}

/* The running merges follow their messages first: what the Outbox sent is what they show */
static void
reload (KithMergePage *self)
{
  if (!kith_serial_begin (&self->reload))
    return;

  kith_store_mail_merge_list_async (self->store, TRUE, self->cancellable, on_listed_cb, g_object_ref (self));
}

static void
on_store_changed_cb (KithStore        *store,
                     KithStoreChanges *changes,
                     KithMergePage    *self)
{
  if (kith_store_changes_has_area (changes, KITH_STORE_AREA_OUTGOING))
    reload (self);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  KithMergePage *self = user_data;

  return kith_merge_row_new (self->store, item);
}

static char *
stack_page (gpointer this,
            guint    count)
{
  return g_strdup (count > 0 ? "list" : "empty");
}

static void
kith_merge_page_constructed (GObject *object)
{
  KithMergePage *self = KITH_MERGE_PAGE (object);

  G_OBJECT_CLASS (kith_merge_page_parent_class)->constructed (object);

  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->merges), create_row, self, NULL);
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  reload (self);
}

static void
kith_merge_page_dispose (GObject *object)
{
  KithMergePage *self = KITH_MERGE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_MERGE_PAGE);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->merges);

  G_OBJECT_CLASS (kith_merge_page_parent_class)->dispose (object);
}

static void
kith_merge_page_finalize (GObject *object)
{
  KithMergePage *self = KITH_MERGE_PAGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kith_merge_page_parent_class)->finalize (object);
}

static void
kith_merge_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KithMergePage *self = KITH_MERGE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_MERGES:
      g_value_set_object (value, self->merges);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->merges != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->merges)) : 0);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_SHOW_BACK:
      g_value_set_boolean (value, self->show_back);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_merge_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KithMergePage *self = KITH_MERGE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SHOW_BACK:
      kith_merge_page_set_show_back (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_merge_page_class_init (KithMergePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags read = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kith_merge_page_constructed;
  object_class->dispose = kith_merge_page_dispose;
  object_class->finalize = kith_merge_page_finalize;
  object_class->get_property = kith_merge_page_get_property;
  object_class->set_property = kith_merge_page_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MERGES] = g_param_spec_object ("merges", NULL, NULL, G_TYPE_LIST_MODEL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT] = g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0, read);
  /* Whether a merge runs or is paused: the sidebar shows the page then */
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, read);
  /* How much of the running and paused merges is done, 0 to 1 */
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0, read);
  properties[PROP_SHOW_BACK] = g_param_spec_boolean ("show-back", NULL, NULL, FALSE,
                                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KITH_TYPE_MAIL_MERGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/merge/kith-merge-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KithMergePage, list_box);
  gtk_widget_class_bind_template_callback (widget_class, stack_page);
}

static void
kith_merge_page_init (KithMergePage *self)
{
  self->merges = g_list_store_new (KITH_TYPE_MAIL_MERGE);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kith_merge_page_new:
 *
 * Returns: (transfer floating): the Mail Merges page of @store
 */
GtkWidget *
kith_merge_page_new (KithStore *store)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  return g_object_new (KITH_TYPE_MERGE_PAGE, "store", store, NULL);
}

gboolean
kith_merge_page_get_busy (KithMergePage *self)
{
  g_return_val_if_fail (KITH_IS_MERGE_PAGE (self), FALSE);

  return self->busy;
}

double
kith_merge_page_get_fraction (KithMergePage *self)
{
  g_return_val_if_fail (KITH_IS_MERGE_PAGE (self), 0.0);

  return self->fraction;
}

void
kith_merge_page_set_show_back (KithMergePage *self,
                               gboolean       show_back)
{
  g_return_if_fail (KITH_IS_MERGE_PAGE (self));

  show_back = !!show_back;
  if (self->show_back == show_back)
    return;
  self->show_back = show_back;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK]);
}
