/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithTimelineThreadRow: the emails of one thread on a profile's timeline, folded into one row
 * named after the newest; opened, a row for each message of the thread.
 */

#define G_LOG_DOMAIN "KithTimelineThreadRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-timeline-row.h"
#include "kith-timeline-thread-row.h"

struct _KithTimelineThreadRow
{
  AdwExpanderRow    parent_instance;

  KithTimelineItem *item;
  GListModel       *thread;
  GPtrArray        *rows;     /* the messages' rows, in the expander */
};

G_DEFINE_FINAL_TYPE (KithTimelineThreadRow, kith_timeline_thread_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_THREAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The newest email's subject, and how many there are. Set here rather than by <binding>s in
 * the template: GTK 4.8 drops the weak references of a template's expressions twice on a
 * subclass of AdwExpanderRow (GTK issue 5834) */
static void
show_thread (KithTimelineThreadRow *self)
{
  const char *subject = kith_timeline_item_get_subject (self->item);
  guint n = g_list_model_get_n_items (self->thread);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u message", "%u messages", n), n);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), subject != NULL ? subject : _("Message"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), count);
}

/* AdwExpanderRow 1.2 has no list model of its own: a thread is a few rows, made again when it
 * changes */
static void
on_thread_changed_cb (KithTimelineThreadRow *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < g_list_model_get_n_items (self->thread); i++)
    {
      g_autoptr(KithTimelineItem) item = g_list_model_get_item (self->thread, i);
      GtkWidget *row = kith_timeline_row_new (item);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
      g_ptr_array_add (self->rows, row);
    }
  show_thread (self);
}

static void
kith_timeline_thread_row_constructed (GObject *object)
{
  KithTimelineThreadRow *self = KITH_TIMELINE_THREAD_ROW (object);

  G_OBJECT_CLASS (kith_timeline_thread_row_parent_class)->constructed (object);

  g_signal_connect_object (self->thread, "items-changed", G_CALLBACK (on_thread_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->item, "notify::subject", G_CALLBACK (show_thread), self, G_CONNECT_SWAPPED);
  on_thread_changed_cb (self);
}

static void
kith_timeline_thread_row_dispose (GObject *object)
{
  KithTimelineThreadRow *self = KITH_TIMELINE_THREAD_ROW (object);

  /* No gtk_widget_dispose_template (): AdwExpanderRow takes its children down itself (GTK
   * issue 5834) */
  g_clear_object (&self->item);
  g_clear_object (&self->thread);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (kith_timeline_thread_row_parent_class)->dispose (object);
}

static void
kith_timeline_thread_row_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  KithTimelineThreadRow *self = KITH_TIMELINE_THREAD_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    case PROP_THREAD:
      g_value_set_object (value, self->thread);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_timeline_thread_row_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  KithTimelineThreadRow *self = KITH_TIMELINE_THREAD_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      self->item = g_value_dup_object (value);
      break;
    case PROP_THREAD:
      self->thread = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_timeline_thread_row_class_init (KithTimelineThreadRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_timeline_thread_row_constructed;
  object_class->dispose = kith_timeline_thread_row_dispose;
  object_class->get_property = kith_timeline_thread_row_get_property;
  object_class->set_property = kith_timeline_thread_row_set_property;

  /* The newest email of the thread */
  properties[PROP_ITEM] = g_param_spec_object ("item", NULL, NULL, KITH_TYPE_TIMELINE_ITEM,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* All its emails, newest first */
  properties[PROP_THREAD] = g_param_spec_object ("thread", NULL, NULL, G_TYPE_LIST_MODEL,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kithcrm/Kith/ui/profile/kith-timeline-thread-row.ui");
}

static void
kith_timeline_thread_row_init (KithTimelineThreadRow *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_timeline_thread_row_new (KithTimelineItem *item,
                              GListModel       *thread)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (item), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (thread), NULL);

  return g_object_new (KITH_TYPE_TIMELINE_THREAD_ROW, "item", item, "thread", thread, NULL);
}
