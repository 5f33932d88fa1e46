/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecordDeals"

#include "config.h"

#include "kith-record-deal-row.h"
#include "kith-record-deals.h"

/*
 * The Deals group of a person's or company's profile: the deals they take part in (as a
 * participant or on the team), read on the store's worker, a row each that opens the deal. Hidden
 * when there is none.
 */

struct _KithRecordDeals
{
  AdwBin        parent_instance;

  GtkListBox   *deals_list;

  GCancellable *cancellable;  /* the read of the record shown */
  char         *title;        /* "Deals", or what the preset calls them */
};

G_DEFINE_FINAL_TYPE (KithRecordDeals, kith_record_deals, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

enum {
  OPEN_RECORD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  return kith_record_deal_row_new (item);
}

static void
show_deals (KithRecordDeals *self,
            GListModel      *deals)
{
  gtk_list_box_bind_model (self->deals_list, deals, create_row, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), deals != NULL && g_list_model_get_n_items (deals) > 0);
}

static void
on_deals_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KithRecordDeals) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) deals = kith_store_list_deals_of_finish (KITH_STORE (source), result, &error);

  if (deals == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not read the record's deals: %s", error->message);
  if (deals != NULL)
    show_deals (self, deals);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[OPEN_RECORD], 0, g_variant_get_int64 (parameter));
}

static void
kith_record_deals_dispose (GObject *object)
{
  KithRecordDeals *self = KITH_RECORD_DEALS (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_RECORD_DEALS);

  G_OBJECT_CLASS (kith_record_deals_parent_class)->dispose (object);
}

static void
kith_record_deals_finalize (GObject *object)
{
  g_clear_object (&KITH_RECORD_DEALS (object)->cancellable);
  g_clear_pointer (&KITH_RECORD_DEALS (object)->title, g_free);

  G_OBJECT_CLASS (kith_record_deals_parent_class)->finalize (object);
}

static void
kith_record_deals_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KithRecordDeals *self = KITH_RECORD_DEALS (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_record_deals_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KithRecordDeals *self = KITH_RECORD_DEALS (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      if (g_strcmp0 (self->title, g_value_get_string (value)) == 0)
        break;
      g_free (self->title);
      self->title = g_value_dup_string (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_record_deals_class_init (KithRecordDealsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_record_deals_dispose;
  object_class->finalize = kith_record_deals_finalize;
  object_class->get_property = kith_record_deals_get_property;
  object_class->set_property = kith_record_deals_set_property;

  /* The group's title: "Deals", or "Properties" in the real estate preset */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KithRecordDeals::open-record:
   * @id: the deal to show
   */
  signals[OPEN_RECORD] = g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-record-deals.ui");
  gtk_widget_class_bind_template_child (widget_class, KithRecordDeals, deals_list);

  gtk_widget_class_install_action (widget_class, "record-deals.open", "x", open_action);
}

static void
kith_record_deals_init (KithRecordDeals *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kith_record_deals_set_record:
 * @record_id: the person or company shown, or a deal (which shows none), or 0
 *
 * Reads again the deals @record_id takes part in, and shows them.
 */
void
kith_record_deals_set_record (KithRecordDeals *self,
                              KithStore       *store,
                              gint64           record_id)
{
  g_return_if_fail (KITH_IS_RECORD_DEALS (self));

  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  if (record_id == 0)
    {
      show_deals (self, NULL);
      return;
    }
  kith_store_list_deals_of_async (store, record_id, self->cancellable, on_deals_read_cb, g_object_ref (self));
}
