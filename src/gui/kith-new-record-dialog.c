/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithNewRecordDialog: the form of a new person, company or deal — its name, what identifies it
 * (an email, a domain or a value) and, but for a company, what it goes with. "Add" writes the
 * record on the store's worker (a write: it completes whatever becomes of the form); a record the
 * store refuses brings the form back with what was typed and what is wrong with it. Emits
 * "created" once the record is written, then goes.
 */

#define G_LOG_DOMAIN "KithNewRecordDialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kith-enums.h"
#include "kith-new-record-dialog.h"
#include "kith-company.h"
#include "kith-deal.h"
#include "kith-kind-names.h"
#include "kith-person.h"
#include "kith-record-store.h"

struct _KithNewRecordDialog
{
  AdwMessageDialog  parent_instance;

  GtkEditable      *name_entry;
  GtkLabel         *key_label;
  GtkEditable      *key_entry;
  GtkLabel         *extra_label;
  GtkWidget        *extra_entry;
  GtkLabel         *problem_label;
  GtkWidget        *refused;   /* the field a refusal is about, to start at when asked again */

  KithStore        *store;
  KithKindNames    *names;   /* what the preset calls the kind, for the heading */
  KithRecordKind    kind;
  gboolean          gone;   /* closed with its window: no asking again */
};

G_DEFINE_FINAL_TYPE (KithNewRecordDialog, kith_new_record_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  PROP_0,
  PROP_STORE,
  PROP_NAMES,
  PROP_KIND,
  N_PROPS
};

enum {
  CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
kith_new_record_dialog_constructed (GObject *object)
{
  /* Each label says what the field is; an example or "Optional" goes inside it, as its
   * placeholder */
  static const char *keys[] = { N_("_Email"), N_("_Domain"), N_("_Value") };
  static const char *key_hints[] = { N_("name@example.com"), N_("acme.com"), NULL };
  KithNewRecordDialog *self = KITH_NEW_RECORD_DIALOG (object);
  gboolean person = self->kind == KITH_RECORD_PERSON;

  G_OBJECT_CLASS (kith_new_record_dialog_parent_class)->constructed (object);

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), kith_kind_names_get (self->names, self->kind, KITH_KIND_WORD_NEW));
  gtk_label_set_label (self->key_label, _(keys[self->kind]));
  if (key_hints[self->kind] != NULL)
    gtk_entry_set_placeholder_text (GTK_ENTRY (self->key_entry), _(key_hints[self->kind]));
  gtk_label_set_label (self->extra_label, person ? _("_Company") : _("_With"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->extra_entry),
                                  /* Translators: what the With field of a new deal takes */
                                  person ? _("Optional") : _("Their email address, optional"));
  gtk_widget_set_visible (self->extra_entry, self->kind != KITH_RECORD_COMPANY);
}

static char *
dup_stripped (GtkEditable *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

/* The name and what identifies the record, on a draft of its kind; %FALSE, with the store's
 * refusal in @error, when a deal's value is not an amount of money */
static gboolean
fill_draft (KithNewRecordDialog  *self,
            KithRecord           *draft,
            GError              **error)
{
  g_autofree char *name = dup_stripped (self->name_entry);
  g_autofree char *key = dup_stripped (self->key_entry);
  g_autofree char *extra = dup_stripped (GTK_EDITABLE (self->extra_entry));

  kith_record_set_name (draft, name);
  if (KITH_IS_COMPANY (draft))
    {
      const char *domains[] = { key, NULL };

      kith_company_set_domains (KITH_COMPANY (draft), *key != '\0' ? domains : NULL);
      return TRUE;
    }
  if (KITH_IS_PERSON (draft))
    {
      kith_record_set_entry (draft, KITH_RECORD_EMAILS, 0, key);
      if (*extra != '\0')
        kith_person_set_company (KITH_PERSON (draft), extra);
      return TRUE;
    }
  return *key == '\0' || kith_deal_set_value_text (KITH_DEAL (draft), key, error);
}

static KithRecord *
draft_new (KithRecordKind kind)
{
  GType type = kind == KITH_RECORD_PERSON ? KITH_TYPE_PERSON
             : kind == KITH_RECORD_COMPANY ? KITH_TYPE_COMPANY
             : KITH_TYPE_DEAL;

  return g_object_new (type, NULL);
}

/* The field a refusal is about: the one whose text it quotes ("“x” is not an email address"),
 * else the name */
static GtkWidget *
refused_field (KithNewRecordDialog *self,
               const char          *problem)
{
  GtkEditable *fields[] = { self->key_entry, GTK_EDITABLE (self->extra_entry) };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *text = dup_stripped (fields[i]);
      g_autofree char *quoted = g_strdup_printf ("“%s”", text);

      if (*text != '\0' && gtk_widget_get_visible (GTK_WIDGET (fields[i])) && strstr (problem, quoted) != NULL)
        return GTK_WIDGET (fields[i]);
    }
  return GTK_WIDGET (self->name_entry);
}

/* Asks again, with what was typed and what is wrong with it, at the field that is wrong */
static void
show_problem (KithNewRecordDialog *self,
              const char          *problem)
{
  self->refused = refused_field (self, problem);
  gtk_label_set_label (self->problem_label, problem);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), TRUE);
  gtk_window_present (GTK_WINDOW (self));
}

static void
on_created_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithNewRecordDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = kith_store_create_record_finish (KITH_STORE (source), result, NULL, &error);

  if (id != 0)
    {
      g_signal_emit (self, signals[CREATED], 0, self->kind, id);
      if (!self->gone)
        gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  /* Nothing was written */
  if (self->gone || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  show_problem (self, error->message);
}

/* The form hides when answered "Add" (hide-on-close), to be asked again after a refusal; any
 * other answer closes it for good */
static void
on_response_cb (KithNewRecordDialog *self,
                const char          *response)
{
  g_autoptr(KithRecord) draft = NULL;
  g_autofree char *extra = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "add"))
    {
      gtk_window_set_hide_on_close (GTK_WINDOW (self), FALSE);
      return;
    }

  draft = draft_new (self->kind);
  if (!fill_draft (self, draft, &error))
    {
      show_problem (self, error->message);
      return;
    }
  /* A deal goes with the person of that email */
  extra = dup_stripped (GTK_EDITABLE (self->extra_entry));
  if (KITH_IS_DEAL (draft) && *extra != '\0')
    {
      g_autoptr(KithDealParticipant) with = kith_deal_participant_new_named (extra, KITH_DEAL_ROLE_PARTICIPANT);

      kith_deal_add_participant (KITH_DEAL (draft), with);
    }
  kith_store_create_record_async (self->store, draft, NULL, on_created_cb, g_object_ref (self));
}

/* The keyboard starts at the name, not at the buttons; asked again, at the field refused */
static void
kith_new_record_dialog_map (GtkWidget *widget)
{
  KithNewRecordDialog *self = KITH_NEW_RECORD_DIALOG (widget);

  GTK_WIDGET_CLASS (kith_new_record_dialog_parent_class)->map (widget);

  gtk_widget_grab_focus (self->refused != NULL ? self->refused : GTK_WIDGET (self->name_entry));
}

static void
kith_new_record_dialog_dispose (GObject *object)
{
  KithNewRecordDialog *self = KITH_NEW_RECORD_DIALOG (object);

  self->gone = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_NEW_RECORD_DIALOG);

  G_OBJECT_CLASS (kith_new_record_dialog_parent_class)->dispose (object);
}

static void
kith_new_record_dialog_finalize (GObject *object)
{
  g_clear_object (&KITH_NEW_RECORD_DIALOG (object)->store);
  g_clear_object (&KITH_NEW_RECORD_DIALOG (object)->names);

  G_OBJECT_CLASS (kith_new_record_dialog_parent_class)->finalize (object);
}

static void
kith_new_record_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  KithNewRecordDialog *self = KITH_NEW_RECORD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_NAMES:
      g_value_set_object (value, self->names);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_new_record_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  KithNewRecordDialog *self = KITH_NEW_RECORD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_NAMES:
      self->names = g_value_dup_object (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_new_record_dialog_class_init (KithNewRecordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = kith_new_record_dialog_constructed;
  object_class->dispose = kith_new_record_dialog_dispose;
  object_class->finalize = kith_new_record_dialog_finalize;
  object_class->get_property = kith_new_record_dialog_get_property;
  object_class->set_property = kith_new_record_dialog_set_property;
  widget_class->map = kith_new_record_dialog_map;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE, flags);
  properties[PROP_NAMES] = g_param_spec_object ("names", NULL, NULL, KITH_TYPE_KIND_NAMES, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, KITH_TYPE_RECORD_KIND, KITH_RECORD_PERSON, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KithNewRecordDialog::created:
   * @kind: what was added
   * @id: the new record
   */
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, KITH_TYPE_RECORD_KIND, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/kith-new-record-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithNewRecordDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, KithNewRecordDialog, key_label);
  gtk_widget_class_bind_template_child (widget_class, KithNewRecordDialog, key_entry);
  gtk_widget_class_bind_template_child (widget_class, KithNewRecordDialog, extra_label);
  gtk_widget_class_bind_template_child (widget_class, KithNewRecordDialog, extra_entry);
  gtk_widget_class_bind_template_child (widget_class, KithNewRecordDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_response_cb);
}

static void
kith_new_record_dialog_init (KithNewRecordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kith_new_record_dialog_new:
 * @names: what the preset calls @kind
 *
 * Returns: (transfer floating): the form of a new record of @kind over @parent
 */
GtkWidget *
kith_new_record_dialog_new (GtkWindow      *parent,
                            KithStore      *store,
                            KithKindNames  *names,
                            KithRecordKind  kind)
{
  g_return_val_if_fail (KITH_IS_STORE (store), NULL);
  g_return_val_if_fail (KITH_IS_KIND_NAMES (names), NULL);

  return g_object_new (KITH_TYPE_NEW_RECORD_DIALOG, "transient-for", parent, "modal", TRUE,
                       "destroy-with-parent", TRUE, "store", store, "names", names, "kind", kind, NULL);
}
