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

  KithMessage  *message;
};

G_DEFINE_FINAL_TYPE (KithInboxRow, kith_inbox_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
sender_label (gpointer    unused,
              const char *name,
              const char *address)
{
  return kith_inbox_format_sender (name, address);
}

static char *
subject_label (gpointer    unused,
               const char *subject)
{
  return g_strdup (subject != NULL ? subject : _("(No subject)"));
}

static char *
date_label (gpointer unused,
            gint64   date)
{
  return kith_inbox_format_date (date);
}

static void
on_done_clicked_cb (KithInboxRow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "inbox.done-message", "x", kith_message_get_id (self->message));
}

static void
kith_inbox_row_dispose (GObject *object)
{
  KithInboxRow *self = KITH_INBOX_ROW (object);

  /* No gtk_widget_dispose_template (): AdwActionRow takes its suffixes down itself, and the
   * template's would be disposed twice, the second time dropping the bindings' weak references
   * once more (GTK issue 5834); the bindings go with the row's own weak references */
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

  object_class->dispose = kith_inbox_row_dispose;
  object_class->get_property = kith_inbox_row_get_property;
  object_class->set_property = kith_inbox_row_set_property;

  properties[PROP_MESSAGE] = g_param_spec_object ("message", NULL, NULL, KITH_TYPE_MESSAGE,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/inbox/kith-inbox-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, sender_label);
  gtk_widget_class_bind_template_callback (widget_class, subject_label);
  gtk_widget_class_bind_template_callback (widget_class, date_label);
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
