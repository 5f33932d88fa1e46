/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithStructuredRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-structured-row.h"

/*
 * One item of a structured list (an address, an app link, an anniversary) as a row that opens
 * on its parts, each in an entry row, with Save and Remove; or, made to add, the row that adds
 * one. The row only collects what is typed: the group it is in checks and saves it. A row of
 * an item knows its entry (the item's place in the record's list) and the group it is in.
 */

struct _KithStructuredRow
{
  AdwExpanderRow  parent_instance;

  GtkWidget      *fields[KITH_STRUCTURED_ROW_MAX_FIELDS];
  GtkButton      *link_button;
  GtkLabel       *refusal_label;
  GtkWidget      *remove_button;
  GtkWidget      *save_button;

  KithRecordEntry *entry;
  GtkWidget      *group;         /* weak: the row is inside it */

  char           *uri;
  char           *link_label;
  char           *item_name;
};

G_DEFINE_FINAL_TYPE (KithStructuredRow, kith_structured_row, ADW_TYPE_EXPANDER_ROW)

enum {
  SAVE,
  REMOVE,
  OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_ADDS,
  PROP_ENTRY,
  PROP_GROUP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A row that adds an item has no Remove, and says Add */
static void
set_adds (KithStructuredRow *self,
          gboolean           adds)
{
  gtk_widget_set_visible (self->remove_button, !adds);
  gtk_button_set_label (GTK_BUTTON (self->save_button), adds ? _("_Add") : _("_Save"));
}

static void
kith_structured_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KithStructuredRow *self = KITH_STRUCTURED_ROW (object);

  switch (prop_id)
    {
    case PROP_ADDS:
      g_value_set_boolean (value, !gtk_widget_get_visible (self->remove_button));
      break;
    case PROP_ENTRY:
      g_value_set_object (value, self->entry);
      break;
    case PROP_GROUP:
      g_value_set_object (value, self->group);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_structured_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KithStructuredRow *self = KITH_STRUCTURED_ROW (object);

  switch (prop_id)
    {
    case PROP_ADDS:
      set_adds (self, g_value_get_boolean (value));
      break;
    case PROP_ENTRY:
      self->entry = g_value_dup_object (value);
      break;
    case PROP_GROUP:
      g_set_weak_pointer (&self->group, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_save_cb (KithStructuredRow *self)
{
  g_signal_emit (self, signals[SAVE], 0);
}

static void
on_remove_cb (KithStructuredRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
on_link_clicked_cb (KithStructuredRow *self)
{
  g_signal_emit (self, signals[OPEN], 0, self->uri);
}

static void
kith_structured_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_STRUCTURED_ROW);

  G_OBJECT_CLASS (kith_structured_row_parent_class)->dispose (object);
}

static void
kith_structured_row_finalize (GObject *object)
{
  g_clear_object (&KITH_STRUCTURED_ROW (object)->entry);
  g_clear_weak_pointer (&KITH_STRUCTURED_ROW (object)->group);
  g_free (KITH_STRUCTURED_ROW (object)->uri);
  g_free (KITH_STRUCTURED_ROW (object)->link_label);
  g_free (KITH_STRUCTURED_ROW (object)->item_name);

  G_OBJECT_CLASS (kith_structured_row_parent_class)->finalize (object);
}

static void
kith_structured_row_class_init (KithStructuredRowClass *klass)
{
  static const char * const field_ids[KITH_STRUCTURED_ROW_MAX_FIELDS] = {
    "field0", "field1", "field2", "field3", "field4", "field5"
  };
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_structured_row_dispose;
  object_class->finalize = kith_structured_row_finalize;
  object_class->get_property = kith_structured_row_get_property;
  object_class->set_property = kith_structured_row_set_property;

  properties[PROP_ADDS] =
    g_param_spec_boolean ("adds", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The place of the item the row shows in the record's list; %NULL for the row that adds */
  properties[PROP_ENTRY] =
    g_param_spec_object ("entry", NULL, NULL, KITH_TYPE_RECORD_ENTRY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The group the row is in, which checks and saves what it says */
  properties[PROP_GROUP] =
    g_param_spec_object ("group", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Save: the parts typed are to be checked and saved; Remove: the item is to go */
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);
  /* Open: the link the row shows, @uri, is to be opened */
  signals[OPEN] = g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-structured-row.ui");
  for (guint i = 0; i < KITH_STRUCTURED_ROW_MAX_FIELDS; i++)
    gtk_widget_class_bind_template_child_full (widget_class, field_ids[i], FALSE,
                                               G_STRUCT_OFFSET (KithStructuredRow, fields) + i * sizeof (GtkWidget *));
  gtk_widget_class_bind_template_child (widget_class, KithStructuredRow, link_button);
  gtk_widget_class_bind_template_child (widget_class, KithStructuredRow, refusal_label);
  gtk_widget_class_bind_template_child (widget_class, KithStructuredRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, KithStructuredRow, save_button);
  gtk_widget_class_bind_template_callback (widget_class, on_save_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_link_clicked_cb);
}

static void
kith_structured_row_init (KithStructuredRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kith_structured_row_new_for_entry:
 * @entry: the place of the item the row shows in the record's list
 * @group: the group the row goes in
 *
 * Returns: a row that shows an item, with Save and Remove
 */
GtkWidget *
kith_structured_row_new_for_entry (KithRecordEntry *entry,
                                   GtkWidget       *group)
{
  return g_object_new (KITH_TYPE_STRUCTURED_ROW, "adds", FALSE, "entry", entry, "group", group, NULL);
}

/**
 * kith_structured_row_get_entry:
 *
 * Returns: (transfer none) (nullable): the place of the item the row shows
 */
KithRecordEntry *
kith_structured_row_get_entry (KithStructuredRow *self)
{
  g_return_val_if_fail (KITH_IS_STRUCTURED_ROW (self), NULL);

  return self->entry;
}

/**
 * kith_structured_row_get_group:
 *
 * Returns: (transfer none) (nullable): the group the row is in
 */
GtkWidget *
kith_structured_row_get_group (KithStructuredRow *self)
{
  g_return_val_if_fail (KITH_IS_STRUCTURED_ROW (self), NULL);

  return self->group;
}

/* How to write part @i, in its tooltip and read out as its description; %NULL: nothing to say */
static void
set_help (KithStructuredRow *self,
          guint              i,
          const char        *help)
{
  gtk_widget_set_tooltip_text (self->fields[i], help);
  if (help != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->fields[i]), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, help, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->fields[i]), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/**
 * kith_structured_row_set_fields:
 * @titles: what each part is, up to %KITH_STRUCTURED_ROW_MAX_FIELDS
 * @helps: how to write each part (an item %NULL: nothing to say), as many as @titles
 * @texts: (nullable): the text of each part (%NULL or shorter: empty)
 */
void
kith_structured_row_set_fields (KithStructuredRow  *self,
                                const char * const *titles,
                                const char * const *helps,
                                const char * const *texts)
{
  gboolean texts_left = texts != NULL;

  g_return_if_fail (KITH_IS_STRUCTURED_ROW (self));

  for (guint i = 0; i < KITH_STRUCTURED_ROW_MAX_FIELDS; i++)
    {
      gboolean shown = titles[0] != NULL;
      const char *text = texts_left && texts[i] != NULL ? texts[i] : "";

      texts_left = texts_left && texts[i] != NULL;
      gtk_widget_set_visible (self->fields[i], shown);
      if (shown)
        {
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->fields[i]), *titles++);
          set_help (self, i, helps[i]);
        }
      gtk_editable_set_text (GTK_EDITABLE (self->fields[i]), shown ? text : "");
    }
}

/**
 * kith_structured_row_dup_texts:
 *
 * Returns: (transfer full): the text of each part shown, as typed, without the spaces around it
 */
char **
kith_structured_row_dup_texts (KithStructuredRow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (KITH_IS_STRUCTURED_ROW (self), NULL);

  for (guint i = 0; i < KITH_STRUCTURED_ROW_MAX_FIELDS && gtk_widget_get_visible (self->fields[i]); i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->fields[i]))));

      g_strv_builder_add (builder, text);
    }

  return g_strv_builder_end (builder);
}

/**
 * kith_structured_row_set_refusal:
 * @message: (nullable): why what was typed cannot be saved; %NULL when it can
 */
void
kith_structured_row_set_refusal (KithStructuredRow *self,
                                 const char        *message)
{
  g_return_if_fail (KITH_IS_STRUCTURED_ROW (self));

  gtk_label_set_text (self->refusal_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->refusal_label), message != NULL);
  if (message != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
}

/* The buttons say what they act on to those who hear them: "Remove “12 Elm Street”" */
static void
update_accessible_labels (KithStructuredRow *self)
{
  g_autofree char *remove = NULL;
  g_autofree char *save = NULL;
  g_autofree char *link = NULL;

  if (self->item_name == NULL)
    return;
  remove = g_strdup_printf (_("Remove “%s”"), self->item_name);
  save = g_strdup_printf (_("Save “%s”"), self->item_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button), GTK_ACCESSIBLE_PROPERTY_LABEL, save, -1);
  if (self->link_label == NULL)
    return;
  /* TRANSLATORS: what a link does, then what it is the link of: "Show on Map: 12 Elm Street" */
  link = g_strdup_printf (_("%s: %s"), self->link_label, self->item_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->link_button), GTK_ACCESSIBLE_PROPERTY_LABEL, link, -1);
}

/**
 * kith_structured_row_set_item_name:
 * @name: what the item is called, as its title shows it
 */
void
kith_structured_row_set_item_name (KithStructuredRow *self,
                                   const char        *name)
{
  g_return_if_fail (KITH_IS_STRUCTURED_ROW (self));

  g_free (self->item_name);
  self->item_name = g_strdup (name);
  update_accessible_labels (self);
}

/**
 * kith_structured_row_set_link:
 * @uri: (nullable): what the row's link button opens; %NULL hides it
 * @label: what it does, for its tooltip and accessible name
 */
void
kith_structured_row_set_link (KithStructuredRow *self,
                              const char        *uri,
                              const char        *label)
{
  g_return_if_fail (KITH_IS_STRUCTURED_ROW (self));

  g_free (self->uri);
  self->uri = g_strdup (uri);
  g_free (self->link_label);
  self->link_label = g_strdup (label);
  gtk_widget_set_visible (GTK_WIDGET (self->link_button), uri != NULL);
  gtk_button_set_label (self->link_button, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->link_button), uri);
  update_accessible_labels (self);
}
