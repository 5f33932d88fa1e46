/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithContactDetailsEntryRow: one of a record's repeated details — an email, a phone, a fax, a
 * web page, a domain — edited in place, titled with what it is ("Email"); or, for the empty
 * entry that stands for a new one, the row that adds one ("Add Email"). An email, phone or fax
 * has a menu of the labels it can have (the "labels" menu, whose items set `entry.label`), its
 * button showing the one it has ("Work"). Emits "edited" with the text, trimmed, when the user
 * applies it, and "label-chosen" with the label picked from the menu; what becomes of them is
 * the details' to say. An email's row has a Write Email button and a phone's a Call button
 * ("details.write-email", "details.call", with the entry's value).
 */

#define G_LOG_DOMAIN "KithContactDetailsEntryRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-contact-details-entry-row.h"

struct _KithContactDetailsEntryRow
{
  AdwEntryRow      parent_instance;

  GtkMenuButton   *label_button;
  GtkWidget       *contact_button;

  KithRecordEntry *entry;
  char            *kind;    /* "Email", or "Add Email" for the row that adds one */
  GMenuModel      *labels;  /* nullable: the entry has no label to choose */
  GSimpleAction   *label;   /* entry.label: the entry's label, "" for none */
  KithContactDetailsContact contact;
};

G_DEFINE_FINAL_TYPE (KithContactDetailsEntryRow, kith_contact_details_entry_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_ENTRY,
  PROP_KIND,
  PROP_LABELS,
  PROP_CONTACT,
  N_PROPS
};

enum {
  EDITED,
  LABEL_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/**
 * kith_contact_details_label_text:
 * @label: (nullable): an entry's label: `work`, `home`, `mobile` or another
 *
 * Returns: (nullable): the label as the profile shows it; %NULL for none it knows
 */
const char *
kith_contact_details_label_text (const char *label)
{
  if (g_strcmp0 (label, "work") == 0)
    return _("Work");
  if (g_strcmp0 (label, "home") == 0)
    return _("Home");
  if (g_strcmp0 (label, "mobile") == 0)
    return _("Mobile");
  if (g_strcmp0 (label, "other") == 0)
    return _("Other");
  return NULL;
}

/* The label and the text follow the entry; set here, not bound in the template: GTK 4.8 fails
 * at finalization on a template binding whose target is the template object itself */
static void
sync_label (KithContactDetailsEntryRow *self)
{
  const char *label = kith_record_entry_get_label (self->entry);
  const char *text = kith_contact_details_label_text (label);

  g_simple_action_set_state (self->label, g_variant_new_string (text != NULL ? label : ""));
  gtk_menu_button_set_label (self->label_button, text != NULL ? text : _("No Label"));
}

/* Write Email or Call, on the value the entry has */
static void
sync_contact (KithContactDetailsEntryRow *self)
{
  const char *value = kith_record_entry_get_value (self->entry);
  g_autofree char *name = NULL;

  if (self->contact == KITH_CONTACT_DETAILS_CONTACT_NONE)
    return;

  gtk_widget_set_visible (self->contact_button, value != NULL && *value != '\0');
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->contact_button), "s", value != NULL ? value : "");
  if (self->contact == KITH_CONTACT_DETAILS_CONTACT_EMAIL)
    /* TRANSLATORS: the button beside an email on a profile */
    name = g_strdup_printf (_("Write Email to “%s”"), value != NULL ? value : "");
  else
    /* TRANSLATORS: the button beside a phone number on a profile */
    name = g_strdup_printf (_("Call “%s”"), value != NULL ? value : "");
  gtk_widget_set_tooltip_text (self->contact_button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->contact_button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
sync_text (KithContactDetailsEntryRow *self)
{
  const char *value = kith_record_entry_get_value (self->entry);
  g_autofree char *name = NULL;

  /* Setting the same text again would move the cursor of someone typing here */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self)), value != NULL ? value : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self), value != NULL ? value : "");

  /* TRANSLATORS: the accessible name of the menu of an email's, phone's or fax's label */
  name = g_strdup_printf (_("Label of “%s”"), value != NULL ? value : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->label_button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  sync_contact (self);
}

/* A label chosen from the menu: the entry shows it once the record has it */
static void
on_label_change_state_cb (GSimpleAction *action,
                          GVariant      *state,
                          gpointer       user_data)
{
  KithContactDetailsEntryRow *self = user_data;

  g_signal_emit (self, signals[LABEL_CHOSEN], 0, g_variant_get_string (state, NULL));
}

/* The menu closed: the keyboard goes back to its button. GTK 4.8 leaves the window's focus on
 * the item chosen, hidden with the menu, and the window's shortcuts then go nowhere */
static void
on_labels_closed_cb (KithContactDetailsEntryRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_get_mapped (focus))
    gtk_widget_grab_focus (GTK_WIDGET (self->label_button));
}

static void
on_apply_cb (KithContactDetailsEntryRow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));

  g_signal_emit (self, signals[EDITED], 0, text);
}

static void
kith_contact_details_entry_row_constructed (GObject *object)
{
  KithContactDetailsEntryRow *self = KITH_CONTACT_DETAILS_ENTRY_ROW (object);

  G_OBJECT_CLASS (kith_contact_details_entry_row_parent_class)->constructed (object);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), self->kind);
  gtk_menu_button_set_menu_model (self->label_button, self->labels);
  if (self->labels != NULL)
    g_signal_connect_object (gtk_menu_button_get_popover (self->label_button), "closed",
                             G_CALLBACK (on_labels_closed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->label_button), self->labels != NULL);
  if (self->contact == KITH_CONTACT_DETAILS_CONTACT_EMAIL)
    {
      gtk_button_set_icon_name (GTK_BUTTON (self->contact_button), "mail-send-symbolic");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->contact_button), "details.write-email");
    }
  else if (self->contact == KITH_CONTACT_DETAILS_CONTACT_PHONE)
    {
      gtk_button_set_icon_name (GTK_BUTTON (self->contact_button), "call-start-symbolic");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->contact_button), "details.call");
    }
  sync_label (self);
  sync_text (self);
  g_signal_connect_object (self->entry, "notify::label", G_CALLBACK (sync_label), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "notify::value", G_CALLBACK (sync_text), self, G_CONNECT_SWAPPED);
}

static void
kith_contact_details_entry_row_finalize (GObject *object)
{
  KithContactDetailsEntryRow *self = KITH_CONTACT_DETAILS_ENTRY_ROW (object);

  g_clear_object (&self->entry);
  g_clear_object (&self->labels);
  g_clear_object (&self->label);
  g_free (self->kind);

  G_OBJECT_CLASS (kith_contact_details_entry_row_parent_class)->finalize (object);
}

static void
kith_contact_details_entry_row_get_property (GObject    *object,
                                             guint       prop_id,
                                             GValue     *value,
                                             GParamSpec *pspec)
{
  KithContactDetailsEntryRow *self = KITH_CONTACT_DETAILS_ENTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      g_value_set_object (value, self->entry);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_LABELS:
      g_value_set_object (value, self->labels);
      break;
    case PROP_CONTACT:
      g_value_set_int (value, self->contact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_contact_details_entry_row_set_property (GObject      *object,
                                             guint         prop_id,
                                             const GValue *value,
                                             GParamSpec   *pspec)
{
  KithContactDetailsEntryRow *self = KITH_CONTACT_DETAILS_ENTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      self->entry = g_value_dup_object (value);
      break;
    case PROP_KIND:
      self->kind = g_value_dup_string (value);
      break;
    case PROP_LABELS:
      self->labels = g_value_dup_object (value);
      break;
    case PROP_CONTACT:
      self->contact = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_contact_details_entry_row_class_init (KithContactDetailsEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_contact_details_entry_row_constructed;
  object_class->finalize = kith_contact_details_entry_row_finalize;
  object_class->get_property = kith_contact_details_entry_row_get_property;
  object_class->set_property = kith_contact_details_entry_row_set_property;

  properties[PROP_ENTRY] = g_param_spec_object ("entry", NULL, NULL, KITH_TYPE_RECORD_ENTRY,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* What the entry is ("Email"); the title, with the entry's label when it has one */
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The labels the entry can have, items of `entry.label`; %NULL for none to choose */
  properties[PROP_LABELS] = g_param_spec_object ("labels", NULL, NULL, G_TYPE_MENU_MODEL,
                                                 G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Which button the entry has to get in touch: a KithContactDetailsContact */
  properties[PROP_CONTACT] = g_param_spec_int ("contact", NULL, NULL, KITH_CONTACT_DETAILS_CONTACT_NONE,
                                               KITH_CONTACT_DETAILS_CONTACT_PHONE, KITH_CONTACT_DETAILS_CONTACT_NONE,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KithContactDetailsEntryRow::edited:
   * @text: what the row holds, trimmed; empty to remove the entry
   */
  signals[EDITED] = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * KithContactDetailsEntryRow::label-chosen:
   * @label: the label chosen from the menu: `work`, `home`, `mobile`, `other`; empty for none
   */
  signals[LABEL_CHOSEN] = g_signal_new ("label-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                        NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kithcrm/Kith/ui/profile/kith-contact-details-entry-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithContactDetailsEntryRow, label_button);
  gtk_widget_class_bind_template_child (widget_class, KithContactDetailsEntryRow, contact_button);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_cb);
}

static void
kith_contact_details_entry_row_init (KithContactDetailsEntryRow *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Stateful, so that the menu shows the label the entry has */
  self->label = g_simple_action_new_stateful ("label", G_VARIANT_TYPE_STRING, g_variant_new_string (""));
  g_signal_connect_object (self->label, "change-state", G_CALLBACK (on_label_change_state_cb), self, 0);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (self->label));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "entry", G_ACTION_GROUP (group));
}

/**
 * kith_contact_details_entry_row_new:
 * @entry: the entry edited; one without a value for the row that adds one
 * @kind: what the entry is ("Email"), or for the row that adds one its title ("Add Email")
 * @labels: (nullable): the menu of the labels the entry can have, items of `entry.label`
 * @contact: the button to get in touch through the entry, if any
 */
GtkWidget *
kith_contact_details_entry_row_new (KithRecordEntry           *entry,
                                    const char                *kind,
                                    GMenuModel                *labels,
                                    KithContactDetailsContact  contact)
{
  g_return_val_if_fail (KITH_IS_RECORD_ENTRY (entry), NULL);

  return g_object_new (KITH_TYPE_CONTACT_DETAILS_ENTRY_ROW, "entry", entry, "kind", kind, "labels", labels,
                       "contact", contact, NULL);
}

KithRecordEntry *
kith_contact_details_entry_row_get_entry (KithContactDetailsEntryRow *self)
{
  g_return_val_if_fail (KITH_IS_CONTACT_DETAILS_ENTRY_ROW (self), NULL);

  return self->entry;
}
