/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithSignatureDialog: a signature's name and text, a new one's or one to change. Save writes
 * it on the store's worker (a write the user asked for: it completes even if the dialog is
 * closed meanwhile) and closes the dialog; a refusal is shown in it and nothing is closed.
 */

#define G_LOG_DOMAIN "KithSignatureDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"
#include "kith-signature-dialog.h"

struct _KithSignatureDialog
{
  AdwWindow      parent_instance;

  AdwEntryRow   *name_row;
  GtkTextView   *body_view;
  GtkWidget     *save_button;

  KithStore     *store;
  KithSignature *signature;   /* a copy, written as saved */
};

G_DEFINE_FINAL_TYPE (KithSignatureDialog, kith_signature_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SIGNATURE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KithSignatureDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (self->save_button, TRUE);
  if (kith_store_signature_save_finish (KITH_STORE (source), result, &error) == 0)
    kith_widget_show_error (GTK_WIDGET (self), error->message);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
save (KithSignatureDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autofree char *body = NULL;
  GtkTextIter start, end;

  if (*name == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  kith_signature_set_name (self->signature, name);
  kith_signature_set_body (self->signature, body);

  gtk_widget_set_sensitive (self->save_button, FALSE);
  kith_store_signature_save_async (self->store, self->signature, on_saved_cb, g_object_ref (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (KITH_SIGNATURE_DIALOG (widget));
}

static void
on_name_changed_cb (KithSignatureDialog *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

static void
kith_signature_dialog_constructed (GObject *object)
{
  KithSignatureDialog *self = KITH_SIGNATURE_DIALOG (object);
  const char *body = kith_signature_get_body (self->signature);

  G_OBJECT_CLASS (kith_signature_dialog_parent_class)->constructed (object);

  gtk_window_set_title (GTK_WINDOW (self), kith_signature_get_id (self->signature) == 0 ? _("New Signature")
                                                                                        : _("Edit Signature"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), kith_signature_get_name (self->signature) ?: "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), body != NULL ? body : "", -1);
}

static void
kith_signature_dialog_dispose (GObject *object)
{
  KithSignatureDialog *self = KITH_SIGNATURE_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_SIGNATURE_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->signature);

  G_OBJECT_CLASS (kith_signature_dialog_parent_class)->dispose (object);
}

static void
kith_signature_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KithSignatureDialog *self = KITH_SIGNATURE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SIGNATURE:
      g_value_set_object (value, self->signature);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_signature_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KithSignatureDialog *self = KITH_SIGNATURE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SIGNATURE:
      self->signature = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_signature_dialog_class_init (KithSignatureDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_signature_dialog_constructed;
  object_class->dispose = kith_signature_dialog_dispose;
  object_class->get_property = kith_signature_dialog_get_property;
  object_class->set_property = kith_signature_dialog_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Edited in place: the caller gives a copy */
  properties[PROP_SIGNATURE] = g_param_spec_object ("signature", NULL, NULL, KITH_TYPE_SIGNATURE,
                                                    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-signature-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithSignatureDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, KithSignatureDialog, body_view);
  gtk_widget_class_bind_template_child (widget_class, KithSignatureDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);

  gtk_widget_class_install_action (widget_class, "signature.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "signature.save", NULL);
}

static void
kith_signature_dialog_init (KithSignatureDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kith_signature_dialog_new:
 * @signature: (transfer none): what the dialog starts from; it is edited in a copy
 *
 * Returns: (transfer none): the dialog, over @parent
 */
GtkWidget *
kith_signature_dialog_new (GtkWindow     *parent,
                           KithStore     *store,
                           KithSignature *signature)
{
  g_autoptr(KithSignature) copy = NULL;

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);
  g_return_val_if_fail (KITH_IS_SIGNATURE (signature), NULL);

  copy = kith_signature_new (kith_signature_get_account (signature), kith_signature_get_name (signature));
  kith_signature_set_id (copy, kith_signature_get_id (signature));
  kith_signature_set_address (copy, kith_signature_get_address (signature));
  kith_signature_set_body (copy, kith_signature_get_body (signature));
  kith_signature_set_for_new (copy, kith_signature_get_for_new (signature));
  kith_signature_set_for_replies (copy, kith_signature_get_for_replies (signature));

  return g_object_new (KITH_TYPE_SIGNATURE_DIALOG, "transient-for", parent, "modal", TRUE, "store", store,
                       "signature", copy, NULL);
}
