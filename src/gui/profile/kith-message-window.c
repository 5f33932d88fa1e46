/* SPDX-License-Identifier: GPL-3.0-or-later */

/* KithMessageWindow: an email of a profile's timeline read in full, over the profile */

#define G_LOG_DOMAIN "KithMessageWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-message-view.h"
#include "kith-message-window.h"
#include "kith-timeline-format.h"

struct _KithMessageWindow
{
  AdwWindow         parent_instance;

  KithMessageView  *view;

  KithTimelineItem *item;
};

G_DEFINE_FINAL_TYPE (KithMessageWindow, kith_message_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
subject_text (gpointer    unused,
              const char *subject)
{
  return g_strdup (subject != NULL ? subject : _("(No subject)"));
}

static char *
when_text (gpointer unused,
           gint64   date)
{
  return kith_timeline_format_when (date);
}

static void
kith_message_window_constructed (GObject *object)
{
  KithMessageWindow *self = KITH_MESSAGE_WINDOW (object);

  G_OBJECT_CLASS (kith_message_window_parent_class)->constructed (object);

  /* Not a <binding> in the template: GTK 4.8 warns when one whose target is the template
   * itself is taken down with the window */
  gtk_window_set_title (GTK_WINDOW (self), kith_timeline_item_get_subject (self->item) != NULL
                                           ? kith_timeline_item_get_subject (self->item) : _("Message"));

  kith_message_view_set_body (self->view, kith_timeline_item_get_body (self->item),
                              kith_timeline_item_get_body_type (self->item));
}

static void
kith_message_window_dispose (GObject *object)
{
  KithMessageWindow *self = KITH_MESSAGE_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_MESSAGE_WINDOW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (kith_message_window_parent_class)->dispose (object);
}

static void
kith_message_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, KITH_MESSAGE_WINDOW (object)->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_message_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_ITEM:
      KITH_MESSAGE_WINDOW (object)->item = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_message_window_class_init (KithMessageWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_message_window_constructed;
  object_class->dispose = kith_message_window_dispose;
  object_class->get_property = kith_message_window_get_property;
  object_class->set_property = kith_message_window_set_property;

  properties[PROP_ITEM] = g_param_spec_object ("item", NULL, NULL, KITH_TYPE_TIMELINE_ITEM,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KITH_TYPE_MESSAGE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-message-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KithMessageWindow, view);
  gtk_widget_class_bind_template_callback (widget_class, subject_text);
  gtk_widget_class_bind_template_callback (widget_class, when_text);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kith_message_window_init (KithMessageWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kith_message_window_new:
 * @item: an email with its body
 *
 * Returns: (transfer none): a window showing @item in full, owned by GTK's list of windows
 */
GtkWidget *
kith_message_window_new (KithTimelineItem *item)
{
  g_return_val_if_fail (KITH_IS_TIMELINE_ITEM (item), NULL);

  return g_object_new (KITH_TYPE_MESSAGE_WINDOW, "item", item, NULL);
}
