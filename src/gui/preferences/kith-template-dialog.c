/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithTemplateDialog: edits one template of the library — its name, subject, From account,
 * body and attachments, with a menu inserting a merge field at the cursor. The body is the
 * composer's KithRichText: saved as HTML when it has formatting, as plain text otherwise. The
 * subject and the body's text are parsed as they are typed (with the library's fields, custom
 * ones included, read once on the store's worker); a template that does not parse shows the
 * error with its line and column, and cannot be saved.
 */

#define G_LOG_DOMAIN "KithTemplateDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-application.h"
#include "kith-attachment-list.h"
#include "kith-mail-account.h"
#include "kith-rich-text.h"
#include "kith-template-dialog.h"
#include "kith-template-render.h"
#include "kith-template-store.h"
#include "kith-templates.h"

struct _KithTemplateDialog
{
  AdwWindow           parent_instance;

  AdwEntryRow        *name_row;
  AdwEntryRow        *subject_row;
  GtkDropDown        *from_dropdown;
  GtkStringList      *from_list;
  GtkMenuButton      *field_button;
  KithRichText       *body_view;
  KithAttachmentList *attachment_list;
  GtkLabel           *error_label;
  GtkWidget          *save_button;

  KithStore          *store;
  KithTemplate       *template;
  GListModel         *accounts;       /* KithMailAccount */
  GPtrArray          *account_uids;   /* in the order of from_list; NULL: any account */
  KithTemplateFields *fields;
  GCancellable       *cancellable;
};

G_DEFINE_FINAL_TYPE (KithTemplateDialog, kith_template_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_TEMPLATE,
  PROP_ACCOUNTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkTextBuffer *
body_buffer (KithTemplateDialog *self)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->body_view));
}

/* Whether the body has any formatting (bold, italic, a list, a link): then it is saved as HTML */
static gboolean
is_formatted (KithTemplateDialog *self)
{
  GtkTextIter iter;
  g_autoptr(GSList) tags = NULL;

  gtk_text_buffer_get_start_iter (body_buffer (self), &iter);
  tags = gtk_text_iter_get_tags (&iter);
  return tags != NULL || gtk_text_iter_forward_to_tag_toggle (&iter, NULL);
}

/* Parses what is typed; the error names the part, line and column of the body's text, as the
 * user sees it, not of its HTML */
static gboolean
check (KithTemplateDialog  *self,
       GError             **error)
{
  g_autofree char *body = kith_rich_text_get_text (self->body_view);
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

  /* Typed as the user would: it takes the formatting in force, whole */
  gtk_text_buffer_insert_at_cursor (body_buffer (self), field, -1);
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

/* The From list: "Any Account", then each account that can send; a template's account that is
 * gone stays chosen, under its id, so that saving keeps it */
static void
fill_accounts (KithTemplateDialog *self,
               const char         *chosen)
{
  guint selected = 0;

  g_ptr_array_set_size (self->account_uids, 0);
  gtk_string_list_splice (self->from_list, 0, g_list_model_get_n_items (G_LIST_MODEL (self->from_list)), NULL);
  g_ptr_array_add (self->account_uids, NULL);
  gtk_string_list_append (self->from_list, _("Any Account"));

  for (guint i = 0; self->accounts != NULL && i < g_list_model_get_n_items (self->accounts); i++)
    {
      g_autoptr(KithMailAccount) account = g_list_model_get_item (self->accounts, i);
      const char *address = kith_mail_account_get_address (account);
      const char *name = kith_mail_account_get_name (account);
      g_autofree char *label = NULL;

      if (address == NULL)
        continue;
      label = name != NULL && *name != '\0' ? g_strdup_printf ("%s <%s>", name, address) : g_strdup (address);
      if (g_strcmp0 (kith_mail_account_get_uid (account), chosen) == 0)
        selected = self->account_uids->len;
      g_ptr_array_add (self->account_uids, g_strdup (kith_mail_account_get_uid (account)));
      gtk_string_list_append (self->from_list, label);
    }

  if (chosen != NULL && selected == 0)
    {
      selected = self->account_uids->len;
      g_ptr_array_add (self->account_uids, g_strdup (chosen));
      gtk_string_list_append (self->from_list, chosen);
    }
  gtk_drop_down_set_selected (self->from_dropdown, selected);
}

static const char *
chosen_account (KithTemplateDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->from_dropdown);

  return selected < self->account_uids->len ? g_ptr_array_index (self->account_uids, selected) : NULL;
}

/* The account chosen stays chosen while the accounts change */
static void
on_accounts_changed_cb (KithTemplateDialog *self)
{
  g_autofree char *chosen = g_strdup (chosen_account (self));

  fill_accounts (self, chosen);
}

static void
on_attachment_problem_cb (KithTemplateDialog *self,
                          const char         *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  kith_attachment_list_choose (KITH_TEMPLATE_DIALOG (widget)->attachment_list, GTK_WINDOW (widget));
}

/* A field partly formatted would be split by the tags of its HTML and no longer parse: each
 * field (on one line, as fields are) takes the formatting of its "{{", whole */
static void
keep_fields_whole (KithTemplateDialog *self)
{
  GtkTextBuffer *buffer = body_buffer (self);
  GtkTextIter iter, open, from, to, close;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (gtk_text_iter_forward_search (&iter, "{{", GTK_TEXT_SEARCH_TEXT_ONLY, &open, &from, NULL))
    {
      g_autoptr(GSList) tags = NULL;
      int end;

      iter = from;
      if (!gtk_text_iter_forward_search (&from, "}}", GTK_TEXT_SEARCH_TEXT_ONLY, &to, &close, NULL) ||
          gtk_text_iter_get_line (&close) != gtk_text_iter_get_line (&open))
        continue;

      tags = gtk_text_iter_get_tags (&open);
      end = gtk_text_iter_get_offset (&close);
      gtk_text_buffer_remove_all_tags (buffer, &open, &close);
      for (GSList *l = tags; l != NULL; l = l->next)
        gtk_text_buffer_apply_tag (buffer, l->data, &open, &close);
      /* Tags changed: the iters are made valid again */
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, end);
    }
}

/* The template as edited: the body as HTML when it has formatting, else as plain text */
static KithTemplate *
collect_template (KithTemplateDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autoptr(KithTemplate) template = kith_template_new (name);
  g_auto(GStrv) attachments = kith_attachment_list_dup_paths (self->attachment_list);
  g_autofree char *body = NULL;
  gboolean html;

  keep_fields_whole (self);
  html = is_formatted (self);
  body = html ? kith_rich_text_get_html (self->body_view) : kith_rich_text_get_text (self->body_view);

  if (self->template != NULL)
    kith_template_set_id (template, kith_template_get_id (self->template));
  kith_template_set_subject (template, gtk_editable_get_text (GTK_EDITABLE (self->subject_row)));
  kith_template_set_body_type (template, html ? KITH_TEMPLATE_BODY_HTML : KITH_TEMPLATE_BODY_TEXT);
  kith_template_set_body (template, body);
  kith_template_set_account (template, chosen_account (self));
  kith_template_set_attachments (template, (const char * const *) attachments);
  return g_steal_pointer (&template);
}

/* The write always completes, even when the dialog is closed meanwhile */
static void
on_save_clicked_cb (KithTemplateDialog *self)
{
  g_autoptr(KithTemplate) template = collect_template (self);

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
      if (kith_template_get_body_type (self->template) == KITH_TEMPLATE_BODY_HTML)
        kith_rich_text_set_html (self->body_view, kith_template_get_body (self->template));
      else
        kith_rich_text_set_text (self->body_view, kith_template_get_body (self->template));
      kith_attachment_list_set_paths (self->attachment_list, kith_template_get_attachments (self->template));
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Template"));
    }
  else
    gtk_window_set_title (GTK_WINDOW (self), _("New Template"));

  fill_accounts (self, self->template != NULL ? kith_template_get_account (self->template) : NULL);
  if (self->accounts != NULL)
    g_signal_connect_object (self->accounts, "items-changed", G_CALLBACK (on_accounts_changed_cb), self,
                             G_CONNECT_SWAPPED);

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
  g_clear_object (&self->accounts);
  g_clear_pointer (&self->account_uids, g_ptr_array_unref);
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
    case PROP_ACCOUNTS:
      g_value_set_object (value, self->accounts);
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
    case PROP_ACCOUNTS:
      self->accounts = g_value_dup_object (value);
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
  /* The mail accounts (#KithMailAccount) the template may send from; none: only "Any Account" */
  properties[PROP_ACCOUNTS] = g_param_spec_object ("accounts", NULL, NULL, G_TYPE_LIST_MODEL,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KITH_TYPE_ATTACHMENT_LIST);
  g_type_ensure (KITH_TYPE_RICH_TEXT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-template-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithTemplateDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, KithTemplateDialog, subject_row);
  gtk_widget_class_bind_template_child (widget_class, KithTemplateDialog, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KithTemplateDialog, from_list);
  gtk_widget_class_bind_template_child (widget_class, KithTemplateDialog, field_button);
  gtk_widget_class_bind_template_child (widget_class, KithTemplateDialog, body_view);
  gtk_widget_class_bind_template_child (widget_class, KithTemplateDialog, attachment_list);
  gtk_widget_class_bind_template_child (widget_class, KithTemplateDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, KithTemplateDialog, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_attachment_problem_cb);

  gtk_widget_class_install_action (widget_class, "template.insert-field", "s", insert_field_action);
  gtk_widget_class_install_action (widget_class, "template.attach", NULL, attach_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kith_template_dialog_init (KithTemplateDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->account_uids = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The toolbar outside the body acts on it, as the composer's does */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "rich", kith_rich_text_get_actions (self->body_view));
  g_signal_connect_object (body_buffer (self), "changed", G_CALLBACK (on_text_changed_cb), self, G_CONNECT_SWAPPED);
}

/* Preferences is not the application's own window but stands over the main one, which is */
static GtkApplication *
application_of (GtkWindow *window)
{
  for (; window != NULL; window = gtk_window_get_transient_for (window))
    if (gtk_window_get_application (window) != NULL)
      return gtk_window_get_application (window);
  return NULL;
}

/**
 * kith_template_dialog_new:
 * @template: (nullable): the template to edit, or %NULL for a new one
 * @parent: (nullable): the window it is modal over; its application's mail accounts are the
 *   ones offered in From
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWidget *
kith_template_dialog_new (KithStore    *store,
                          KithTemplate *template,
                          GtkWindow    *parent)
{
  GtkApplication *app = application_of (parent);
  GListModel *accounts = KITH_IS_APPLICATION (app) ? kith_application_get_mail_accounts (KITH_APPLICATION (app)) : NULL;
  GtkWidget *dialog = g_object_new (KITH_TYPE_TEMPLATE_DIALOG, "store", store, "template", template,
                                    "accounts", accounts, "transient-for", parent, NULL);

  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
