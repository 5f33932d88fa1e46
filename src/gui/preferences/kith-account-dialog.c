/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithAccountDialog: adds a custom IMAP/SMTP account. Add checks the account against the
 * server first (kith_mail_service_add_account_async()); a wrong password or an unreachable
 * server is explained in the dialog, with everything typed kept, and nothing is saved.
 *
 * The add is a write the user asked for: closing the dialog while it checks does not cancel
 * it. The account then shows in Preferences once it is checked, and a refusal is told in a
 * toast on the window the dialog was opened from.
 */

#define G_LOG_DOMAIN "KithAccountDialog"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-account-dialog.h"
#include "kith-mail-accounts.h"

struct _KithAccountDialog
{
  AdwWindow        parent_instance;

  AdwEntryRow     *email_row;
  AdwEntryRow     *name_row;
  AdwEntryRow     *password_row;
  AdwEntryRow     *imap_row;
  AdwEntryRow     *smtp_row;
  AdwComboRow     *security_row;
  AdwEntryRow     *user_row;
  GtkStack        *add_stack;
  GtkSpinner      *spinner;
  GtkWidget       *error_group;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;

  KithMailService *mail;
  GWeakRef         parent;    /* where a refusal is told once the dialog is closed */
  char            *adding;    /* the address being added, while it is checked */
};

G_DEFINE_FINAL_TYPE (KithAccountDialog, kith_account_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_MAIL,
  N_PROPS
};

enum {
  ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The choices of the Security row, in its order */
static const KithMailSecurity securities[] = {
  KITH_MAIL_SECURITY_TLS, KITH_MAIL_SECURITY_STARTTLS, KITH_MAIL_SECURITY_NONE
};

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
set_checking (KithAccountDialog *self,
              gboolean           checking)
{
  gtk_stack_set_visible_child_name (self->add_stack, checking ? "checking" : "button");
  gtk_spinner_set_spinning (self->spinner, checking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.add", !checking);
}

static void
show_error (KithAccountDialog *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (self->error_group, TRUE);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

/* Marks the row that an error is about */
static void
mark_rows (KithAccountDialog *self,
           const GError      *error)
{
  AdwEntryRow *rows[] = { self->email_row, self->password_row, self->imap_row, self->smtp_row };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");

  if (g_error_matches (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_REJECTED))
    gtk_widget_add_css_class (GTK_WIDGET (self->password_row), "error");
  else if (g_error_matches (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_UNREACHABLE))
    gtk_widget_add_css_class (GTK_WIDGET (self->imap_row), "error");
  else if (g_error_matches (error, KITH_MAIL_ERROR, KITH_MAIL_ERROR_INVALID))
    {
      /* The message quotes what is wrong ("“99999” is not a port…"): the row that holds it */
      const char *open = strstr (error->message, "“");
      const char *close = open != NULL ? strstr (open, "”") : NULL;
      g_autofree char *quoted = close != NULL ? g_strndup (open + strlen ("“"), close - open - strlen ("“")) : NULL;
      gboolean marked = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (rows) && quoted != NULL && *quoted != '\0' && !marked; i++)
        if (strstr (text_of (rows[i]), quoted) != NULL)
          {
            gtk_widget_add_css_class (GTK_WIDGET (rows[i]), "error");
            marked = TRUE;
          }
    }
}

static void
refuse (KithAccountDialog *self,
        const GError      *error)
{
  mark_rows (self, error);
  show_error (self, error->message);
}

/* The dialog was closed while the account was checked, and the server refused it: said on the
 * window the dialog was opened from, if it is still open */
static void
tell_refusal (KithAccountDialog *self,
              const GError      *error)
{
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&self->parent);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (!ADW_IS_PREFERENCES_WINDOW (parent))
    {
      g_warning ("The account %s was not added: %s", self->adding, error->message);
      return;
    }

  /* Translators: an email address, and why its account was not added; the toast shows markup */
  title = g_markup_printf_escaped (_("The account “%s” was not added: %s"), self->adding, error->message);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 0);   /* not read at a glance: stays until dismissed */
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (parent), toast);
}

static void
on_added_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KithAccountDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = kith_mail_service_add_account_finish (KITH_MAIL_SERVICE (source), result, &error);

  /* Closed meanwhile (hidden, and kept only by this call's reference): an account added shows
   * in Preferences through the mail service's list */
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      if (uid == NULL)
        tell_refusal (self, error);
      return;
    }

  g_clear_pointer (&self->adding, g_free);
  set_checking (self, FALSE);
  if (uid == NULL)
    {
      refuse (self, error);
      return;
    }

  g_signal_emit (self, signals[ADDED], 0, uid);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The account as typed, its servers split into host and port (0: the security's standard
 * port); %NULL when a server is not host or host:port */
static KithMailAccount *
draft_of (KithAccountDialog  *self,
          GError            **error)
{
  g_autoptr(KithMailAccount) draft = kith_mail_account_new_draft ();
  g_autofree char *email = g_strstrip (g_strdup (text_of (self->email_row)));
  g_autofree char *imap_host = NULL;
  g_autofree char *smtp_host = NULL;
  guint16 imap_port = 0, smtp_port = 0;
  const char *smtp = text_of (self->smtp_row);
  guint security = adw_combo_row_get_selected (self->security_row);

  if (!kith_mail_parse_host_port (text_of (self->imap_row), _("IMAP server"), 0, &imap_host, &imap_port, error))
    return NULL;
  /* Without an SMTP server, the account sends through the IMAP host */
  if (*smtp != '\0' && !kith_mail_parse_host_port (smtp, _("SMTP server"), 0, &smtp_host, &smtp_port, error))
    return NULL;

  g_object_set (draft,
                "address", email,
                "name", text_of (self->name_row),
                "user", text_of (self->user_row),
                "imap-host", imap_host,
                "imap-port", (guint) imap_port,
                "smtp-host", smtp_host,
                "smtp-port", (guint) smtp_port,
                "security", securities[MIN (security, G_N_ELEMENTS (securities) - 1)],
                NULL);
  return g_steal_pointer (&draft);
}

/* Checks and adds the account; what the dialog says is the outcome */
void
kith_account_dialog_submit (KithAccountDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithMailAccount) draft = draft_of (self, &error);

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  if (draft == NULL)
    {
      refuse (self, error);
      return;
    }

  set_checking (self, TRUE);
  g_free (self->adding);
  self->adding = g_strdup (kith_mail_account_get_address (draft));
  g_weak_ref_set (&self->parent, gtk_window_get_transient_for (GTK_WINDOW (self)));
  /* No cancellable: the add completes even when the dialog is closed meanwhile */
  kith_mail_service_add_account_async (self->mail, draft, text_of (self->password_row), NULL, on_added_cb,
                                       g_object_ref (self));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  kith_account_dialog_submit (KITH_ACCOUNT_DIALOG (widget));
}

static void
kith_account_dialog_dispose (GObject *object)
{
  KithAccountDialog *self = KITH_ACCOUNT_DIALOG (object);

  g_clear_object (&self->mail);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_ACCOUNT_DIALOG);

  G_OBJECT_CLASS (kith_account_dialog_parent_class)->dispose (object);
}

static void
kith_account_dialog_finalize (GObject *object)
{
  KithAccountDialog *self = KITH_ACCOUNT_DIALOG (object);

  g_weak_ref_clear (&self->parent);
  g_free (self->adding);

  G_OBJECT_CLASS (kith_account_dialog_parent_class)->finalize (object);
}

static void
kith_account_dialog_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_MAIL:
      g_value_set_object (value, KITH_ACCOUNT_DIALOG (object)->mail);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_account_dialog_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_MAIL:
      KITH_ACCOUNT_DIALOG (object)->mail = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_account_dialog_class_init (KithAccountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_account_dialog_dispose;
  object_class->finalize = kith_account_dialog_finalize;
  object_class->get_property = kith_account_dialog_get_property;
  object_class->set_property = kith_account_dialog_set_property;

  /* The service that checks and adds the account */
  properties[PROP_MAIL] = g_param_spec_object ("mail", NULL, NULL, KITH_TYPE_MAIL_SERVICE,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KithAccountDialog::added:
   * @uid: the new account
   */
  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-account-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithAccountDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, KithAccountDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, KithAccountDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, KithAccountDialog, imap_row);
  gtk_widget_class_bind_template_child (widget_class, KithAccountDialog, smtp_row);
  gtk_widget_class_bind_template_child (widget_class, KithAccountDialog, security_row);
  gtk_widget_class_bind_template_child (widget_class, KithAccountDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, KithAccountDialog, add_stack);
  gtk_widget_class_bind_template_child (widget_class, KithAccountDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, KithAccountDialog, error_group);
  gtk_widget_class_bind_template_child (widget_class, KithAccountDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, KithAccountDialog, error_label);

  gtk_widget_class_bind_template_callback (widget_class, kith_account_dialog_submit);

  gtk_widget_class_install_action (widget_class, "account.add", NULL, add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kith_account_dialog_init (KithAccountDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_weak_ref_init (&self->parent, NULL);
}

GtkWidget *
kith_account_dialog_new (KithMailService *mail,
                         GtkWindow       *parent)
{
  KithAccountDialog *self = g_object_new (KITH_TYPE_ACCOUNT_DIALOG, "mail", mail, "transient-for", parent, NULL);

  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->email_row));

  return GTK_WIDGET (self);
}
