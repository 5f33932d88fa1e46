/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithInboxRow: a message in the Inbox's list — who sent it, its subject, when — bound to its
 * KithMessage, with a Done button that marks that message Done (inbox.done-message).
 */

#define G_LOG_DOMAIN "KithInboxRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-inbox-format.h"
#include "kith-inbox-row.h"

struct _KithInboxRow
{
  AdwActionRow  parent_instance;

  GtkLabel     *date_label;

  KithMessage  *message;
};

G_DEFINE_FINAL_TYPE (KithInboxRow, kith_inbox_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The message's properties, shown. Set here rather than by <binding>s in the template: GTK 4.8
 * drops the weak references of a template's expressions twice on a subclass of AdwActionRow
 * (GTK issue 5834), which warns on every row removed */
static void
show_message (KithInboxRow *self)
{
  const char *subject = kith_message_get_subject (self->message);
  g_autofree char *sender = kith_inbox_format_sender (kith_message_get_sender_name (self->message),
                                                      kith_message_get_sender_address (self->message));
  g_autofree char *date = kith_inbox_format_date (kith_message_get_date (self->message));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), sender);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subject != NULL ? subject : _("(No subject)"));
  gtk_label_set_text (self->date_label, date);
}

static void
on_done_clicked_cb (KithInboxRow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "inbox.done-message", "x", kith_message_get_id (self->message));
}

static void
kith_inbox_row_constructed (GObject *object)
{
  KithInboxRow *self = KITH_INBOX_ROW (object);

  G_OBJECT_CLASS (kith_inbox_row_parent_class)->constructed (object);

  g_signal_connect_object (self->message, "notify", G_CALLBACK (show_message), self, G_CONNECT_SWAPPED);
  show_message (self);
}

static void
kith_inbox_row_dispose (GObject *object)
{
  KithInboxRow *self = KITH_INBOX_ROW (object);

  /* No gtk_widget_dispose_template (): AdwActionRow takes its suffixes down itself (GTK issue
   * 5834: they would be disposed twice) */
  g_clear_object (&self->message);

  G_OBJECT_CLASS (kith_inbox_row_parent_class)->dispose (object);
}

static void
kith_inbox_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KithInboxRow *self = KITH_INBOX_ROW (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      g_value_set_object (value, self->message);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_inbox_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KithInboxRow *self = KITH_INBOX_ROW (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      self->message = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_inbox_row_class_init (KithInboxRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_inbox_row_constructed;
  object_class->dispose = kith_inbox_row_dispose;
  object_class->get_property = kith_inbox_row_get_property;
  object_class->set_property = kith_inbox_row_set_property;

  properties[PROP_MESSAGE] = g_param_spec_object ("message", NULL, NULL, KITH_TYPE_MESSAGE,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/inbox/kith-inbox-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithInboxRow, date_label);
  gtk_widget_class_bind_template_callback (widget_class, on_done_clicked_cb);
}

static void
kith_inbox_row_init (KithInboxRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_inbox_row_new (KithMessage *message)
{
  g_return_val_if_fail (KITH_IS_MESSAGE (message), NULL);

  return g_object_new (KITH_TYPE_INBOX_ROW, "message", message, NULL);
}

KithMessage *
kith_inbox_row_get_message (KithInboxRow *self)
{
  g_return_val_if_fail (KITH_IS_INBOX_ROW (self), NULL);

  return self->message;
}
