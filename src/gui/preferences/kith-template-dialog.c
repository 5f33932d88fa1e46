/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithTemplateDialog: edits one template of the library — its name, subject and body, with a
 * menu inserting a merge field at the cursor. The subject and body are parsed as they are typed
 * (with the library's fields, custom ones included, read once on the store's worker); a
 * template that does not parse shows the error with its line and column, and cannot be saved.
 */

#define G_LOG_DOMAIN "KithTemplateDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-template-dialog.h"
#include "kith-template-render.h"
#include "kith-template-store.h"
#include "kith-templates.h"

struct _KithTemplateDialog
{
  AdwWindow           parent_instance;

  AdwEntryRow        *name_row;
  AdwEntryRow        *subject_row;
  GtkMenuButton      *field_button;
  GtkTextBuffer      *body_buffer;
  GtkLabel           *error_label;
  GtkWidget          *save_button;

  KithStore          *store;
  KithTemplate       *template;
  KithTemplateFields *fields;
  GCancellable       *cancellable;
};

G_DEFINE_FINAL_TYPE (KithTemplateDialog, kith_template_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_TEMPLATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
get_body (KithTemplateDialog *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->body_buffer, &start, &end);
  return gtk_text_buffer_get_text (self->body_buffer, &start, &end, FALSE);
}

/* Parses what is typed; the error names the part, line and column */
static gboolean
check (KithTemplateDialog  *self,
       GError             **error)
{
  g_autofree char *body = get_body (self);
  g_autoptr(KithCompiledTemplate) compiled = NULL;

  compiled = kith_compiled_template_new (self->fields, gtk_editable_get_text (GTK_EDITABLE (self->subject_row)),
                                         body, FALSE, NULL, NULL, error);
  return compiled != NULL;
}

static void
on_text_changed_cb (KithTemplateDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  gboolean parses;

  if (self->fields == NULL)
    return;

  parses = check (self, &error);
  gtk_label_set_text (self->error_label, parses ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), !parses);
  gtk_widget_set_sensitive (self->save_button, parses && *name != '\0');
}

static void
insert_field_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KithTemplateDialog *self = KITH_TEMPLATE_DIALOG (widget);
  g_autofree char *field = g_strdup_printf ("{{%s}}", g_variant_get_string (parameter, NULL));

  gtk_text_buffer_insert_at_cursor (self->body_buffer, field, -1);
}

/* The menu of merge fields, built-in ones first, then the custom fields of people */
static void
build_field_menu (KithTemplateDialog *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  for (guint slot = 0; slot < kith_template_fields_get_n_slots (self->fields); slot++)
    {
      const char *name = kith_template_fields_get_name (self->fields, slot);
      g_auto(GStrv) words = g_strsplit (name, "_", -1);
      g_autofree char *escaped = g_strjoinv ("__", words);   /* an underscore is no mnemonic */
      g_autofree char *label = g_strdup_printf ("{{%s}}", escaped);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "template.insert-field", "s", name);
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->field_button, G_MENU_MODEL (menu));
}

static gpointer
read_fields (KithStore  *store,
             gpointer    data,
             GError    **error)
{
  return kith_store_template_fields (store, error);
}

static void
on_fields_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(KithTemplateDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  KithTemplateFields *fields = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (fields == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_text (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        }
      return;
    }

  self->fields = fields;
  build_field_menu (self);
  on_text_changed_cb (self);
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KithTemplateDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (kith_store_template_save_finish (KITH_STORE (source), result, &error) == 0)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_set_sensitive (self->save_button, TRUE);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The write always completes, even when the dialog is closed meanwhile */
static void
on_save_clicked_cb (KithTemplateDialog *self)
{
  g_autofree char *body = get_body (self);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autoptr(KithTemplate) template = kith_template_new (name);

  if (self->template != NULL)
    {
      kith_template_set_id (template, kith_template_get_id (self->template));
      kith_template_set_body_type (template, kith_template_get_body_type (self->template));
      kith_template_set_account (template, kith_template_get_account (self->template));
      kith_template_set_attachments (template, kith_template_get_attachments (self->template));
    }
  kith_template_set_subject (template, gtk_editable_get_text (GTK_EDITABLE (self->subject_row)));
  kith_template_set_body (template, body);

  gtk_widget_set_sensitive (self->save_button, FALSE);
  kith_store_template_save_async (self->store, template, on_saved_cb, g_object_ref (self));
}

static void
kith_template_dialog_constructed (GObject *object)
{
  KithTemplateDialog *self = KITH_TEMPLATE_DIALOG (object);

  G_OBJECT_CLASS (kith_template_dialog_parent_class)->constructed (object);

  if (self->template != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), kith_template_get_name (self->template));
      gtk_editable_set_text (GTK_EDITABLE (self->subject_row), kith_template_get_subject (self->template));
      gtk_text_buffer_set_text (self->body_buffer, kith_template_get_body (self->template), -1);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Template"));
    }
  else
    gtk_window_set_title (GTK_WINDOW (self), _("New Template"));

  kith_store_run_async (self->store, read_fields, NULL, NULL, (GDestroyNotify) kith_template_fields_unref,
                        self->cancellable, on_fields_read_cb, g_object_ref (self));
}

static void
kith_template_dialog_dispose (GObject *object)
{
  KithTemplateDialog *self = KITH_TEMPLATE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_TEMPLATE_DIALOG);

  G_OBJECT_CLASS (kith_template_dialog_parent_class)->dispose (object);
}

static void
kith_template_dialog_finalize (GObject *object)
{
  KithTemplateDialog *self = KITH_TEMPLATE_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->template);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->fields, kith_template_fields_unref);

  G_OBJECT_CLASS (kith_template_dialog_parent_class)->finalize (object);
}

static void
kith_template_dialog_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KithTemplateDialog *self = KITH_TEMPLATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_TEMPLATE:
      g_value_set_object (value, self->template);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_template_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KithTemplateDialog *self = KITH_TEMPLATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_TEMPLATE:
      self->template = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_template_dialog_class_init (KithTemplateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_template_dialog_constructed;
  object_class->dispose = kith_template_dialog_dispose;
  object_class->finalize = kith_template_dialog_finalize;
  object_class->get_property = kith_template_dialog_get_property;
  object_class->set_property = kith_template_dialog_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEMPLATE] = g_param_spec_object ("template", NULL, NULL, KITH_TYPE_TEMPLATE,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-template-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithTemplateDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, KithTemplateDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, KithTemplateDialog, field_button);
  gtk_widget_class_bind_template_child (widget_class, KithTemplateDialog, body_buffer);
  gtk_widget_class_bind_template_child (widget_class, KithTemplateDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KithTemplateDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);

  gtk_widget_class_install_action (widget_class, "template.insert-field", "s", insert_field_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kith_template_dialog_init (KithTemplateDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kith_template_dialog_new:
 * @template: (nullable): the template to edit, or %NULL for a new one
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWidget *
kith_template_dialog_new (KithStore    *store,
                          KithTemplate *template,
                          GtkWindow    *parent)
{
  GtkWidget *dialog = g_object_new (KITH_TYPE_TEMPLATE_DIALOG, "store", store, "template", template,
                                    "transient-for", parent, NULL);

  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
