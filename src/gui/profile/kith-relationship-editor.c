/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRelationshipEditor"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"

#include "kith-custom-fields-group.h"
#include "kith-draft-open.h"
#include "kith-relationship-editor.h"
#include "kith-record-save.h"
#include "kith-step-check-row.h"
#include "kith-tag-chip.h"

/*
 * The Relationship part of a profile: segment, stage, the next-step checklist of that stage,
 * tags, and the custom fields that apply to the record's segment and stage (a
 * KithCustomFieldsGroup). It edits the profile's KithRecord: every change is saved at once, and
 * the widgets follow the record's properties, so that a save or a reload changes them in place.
 */

struct _KithRelationshipEditor
{
  AdwBin               parent_instance;

  AdwComboRow         *segment_row;
  AdwComboRow         *stage_row;
  GtkListBox          *steps_list;
  GtkFlowBox          *tags_box;
  GtkWidget           *tags_row;
  GtkEntry            *tag_entry;
  KithCustomFieldsGroup *fields_group;
  GListModel          *steps_shown;   /* the steps steps_list is bound to */

  KithStore           *store;
  KithRecord          *record;
  GCancellable        *cancellable;   /* reads only */
  KithRecordKind       loaded_kind;   /* what segments and fields are for, or INVALID */

  GListModel          *segments;      /* of KithSegment, as loaded */
  GtkFilter           *segment_filter;
  GListStore          *segment_choices;  /* "None", then the usable segments */
  GtkStringList       *tags;          /* the record's */
  gboolean             building;      /* widgets follow the record: no saving */
};

G_DEFINE_FINAL_TYPE (KithRelationshipEditor, kith_relationship_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (KithRelationshipEditor *self,
       const char             *text)
{
  kith_widget_add_toast (GTK_WIDGET (self), adw_toast_new (text));
}

/* The record's segment, among those loaded */
static KithSegment *
current_segment (KithRelationshipEditor *self)
{
  const char *key = self->record != NULL ? kith_record_get_segment (self->record) : NULL;

  for (guint i = 0; key != NULL && self->segments != NULL && i < g_list_model_get_n_items (self->segments); i++)
    {
      g_autoptr(KithSegment) segment = g_list_model_get_item (self->segments, i);

      if (g_strcmp0 (kith_segment_get_key (segment), key) == 0)
        return segment;   /* the list keeps a reference */
    }

  return NULL;
}

static GListModel *
current_steps (KithRelationshipEditor *self)
{
  KithSegment *segment = current_segment (self);
  KithStage *stage = segment != NULL ? kith_segment_find_stage (segment, kith_record_get_stage (self->record)) : NULL;

  return stage != NULL ? kith_stage_get_steps (stage) : NULL;
}

static int
current_step_index (KithRelationshipEditor *self)
{
  GListModel *steps = current_steps (self);
  const char *step = kith_record_get_step (self->record);

  for (guint i = 0; steps != NULL && step != NULL && i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(KithStep) item = g_list_model_get_item (steps, i);

      if (g_strcmp0 (kith_step_get_key (item), step) == 0)
        return (int) i;
    }

  return -1;
}

/* Saving */

static void
on_saved (gpointer      owner,
          KithRecord   *record,
          const GError *error,
          gpointer      where,
          const char   *text)
{
  KithRelationshipEditor *self = owner;

  if (error == NULL)
    g_signal_emit (self, signals[CHANGED], 0);
  else if (record == self->record)
    toast (self, error->message);
}

/* Writes what changed in the record; a refusal shows in a toast */
static void
save (KithRelationshipEditor *self)
{
  kith_record_save (self->store, self->record, self, self->cancellable, NULL, NULL, NULL, on_saved);
}

/* A custom field was saved */
static void
on_fields_saved_cb (KithRelationshipEditor *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Segment and stage */

static void
set_segment (KithRelationshipEditor *self,
             const char             *segment)
{
  if (self->record == NULL)
    return;
  kith_record_set_segment (self->record, segment);
  save (self);
}

/* Moves the record to @stage (a key); the step checklist starts over */
static void
set_stage (KithRelationshipEditor *self,
           const char             *stage)
{
  if (self->record == NULL)
    return;
  kith_record_set_stage (self->record, stage);
  save (self);
}

static void
on_segment_selected_cb (AdwComboRow            *row,
                        GParamSpec             *pspec,
                        KithRelationshipEditor *self)
{
  KithSegment *segment = adw_combo_row_get_selected_item (row);

  if (self->building || segment == NULL || self->record == NULL ||
      g_strcmp0 (kith_segment_get_key (segment), kith_record_get_segment (self->record)) == 0)
    return;

  set_segment (self, kith_segment_get_key (segment));
}

static void
on_stage_selected_cb (AdwComboRow            *row,
                      GParamSpec             *pspec,
                      KithRelationshipEditor *self)
{
  KithStage *stage = adw_combo_row_get_selected_item (row);

  if (self->building || stage == NULL || self->record == NULL ||
      g_strcmp0 (kith_stage_get_key (stage), kith_record_get_stage (self->record)) == 0)
    return;

  set_stage (self, kith_stage_get_key (stage));
}

/* The segments a record of this kind can be in: enabled (or its own), and for deals only
 * deal ones */
static gboolean
segment_usable (gpointer item,
                gpointer user_data)
{
  KithRelationshipEditor *self = user_data;
  gboolean deal = self->record != NULL && kith_record_get_kind (self->record) == KITH_RECORD_PROJECT;

  if (kith_segment_get_for_deals (item) != deal)
    return FALSE;
  return kith_segment_get_enabled (item) ||
         (self->record != NULL && g_strcmp0 (kith_segment_get_key (item), kith_record_get_segment (self->record)) == 0);
}

static guint
index_of_key (GListModel *model,
              const char *key,
              const char *(*get_key) (gpointer item))
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (get_key (item), key) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Steps */

static void
go_to_step (KithRelationshipEditor *self,
            int                     index)
{
  GListModel *steps = current_steps (self);
  g_autoptr(KithStep) step = NULL;

  if (steps != NULL && index >= 0 && (guint) index < g_list_model_get_n_items (steps))
    step = g_list_model_get_item (steps, index);
  kith_record_set_step (self->record, step != NULL ? kith_step_get_key (step) : NULL);
  save (self);
}

static void
on_step_toggled_cb (KithStepCheckRow       *row,
                    KithRelationshipEditor *self)
{
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  if (self->building)
    return;

  /* Ticking a step means it is done: the next one becomes current. Unticking goes back to it. */
  go_to_step (self, kith_step_check_row_get_done (row) ? index + 1 : index);
}

/* The current step's Compose: its template merged for the person, in a composer */
static void
compose_step_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KithRelationshipEditor *self = KITH_RELATIONSHIP_EDITOR (widget);

  if (self->record != NULL && kith_record_get_id (self->record) != 0)
    kith_draft_open_for_step (widget, self->store, kith_record_get_id (self->record));
}

static GtkWidget *
create_step_row (gpointer item,
                 gpointer user_data)
{
  GtkWidget *row = kith_step_check_row_new (item);

  g_signal_connect_object (row, "toggled", G_CALLBACK (on_step_toggled_cb), user_data, 0);
  return row;
}

static void
update_steps (KithRelationshipEditor *self)
{
  GListModel *steps = current_steps (self);
  int current = current_step_index (self);
  int i = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list));
       steps != NULL && row != NULL && (guint) i < g_list_model_get_n_items (steps);
       row = gtk_widget_get_next_sibling (row), i++)
    kith_step_check_row_show (KITH_STEP_CHECK_ROW (row), current >= 0 && i < current, i == current);
}

/* Tags */

static void
add_tag (KithRelationshipEditor *self,
         const char             *tag)
{
  g_autofree char *clean = NULL;
  g_auto(GStrv) keywords = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  clean = g_strstrip (g_strdup (tag));
  if (*clean == '\0' || self->record == NULL)
    return;

  keywords = kith_record_dup_keywords (self->record);
  g_strv_builder_addv (builder, (const char **) keywords);
  g_strv_builder_add (builder, clean);
  g_clear_pointer (&keywords, g_strfreev);
  keywords = g_strv_builder_end (builder);
  kith_record_set_keywords (self->record, (const char * const *) keywords);
  save (self);
}

static void
remove_tag_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KithRelationshipEditor *self = KITH_RELATIONSHIP_EDITOR (widget);
  const char *tag = g_variant_get_string (parameter, NULL);
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) keywords = NULL;

  if (self->record == NULL)
    return;

  old = kith_record_dup_keywords (self->record);
  for (guint i = 0; old[i] != NULL; i++)
    if (g_strcmp0 (old[i], tag) != 0)
      g_strv_builder_add (builder, old[i]);
  keywords = g_strv_builder_end (builder);
  kith_record_set_keywords (self->record, (const char * const *) keywords);
  save (self);
}

static void
on_tag_entry_activate_cb (GtkEntry               *entry,
                          KithRelationshipEditor *self)
{
  add_tag (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static GtkWidget *
create_tag_chip (gpointer item,
                 gpointer user_data)
{
  return kith_tag_chip_new (gtk_string_object_get_string (item));
}

static void
update_tags (KithRelationshipEditor *self)
{
  g_auto(GStrv) keywords = kith_record_dup_keywords (self->record);

  gtk_string_list_splice (self->tags, 0, g_list_model_get_n_items (G_LIST_MODEL (self->tags)),
                          (const char * const *) keywords);
  gtk_widget_set_visible (self->tags_row, g_list_model_get_n_items (G_LIST_MODEL (self->tags)) > 0);
}

/* Completion from the tags in use */
static void
set_known_tags (KithRelationshipEditor *self,
                GListModel             *known)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();
  g_autoptr(GtkListStore) store = gtk_list_store_new (1, G_TYPE_STRING);

  for (guint i = 0; i < g_list_model_get_n_items (known); i++)
    {
      g_autoptr(KithTag) tag = g_list_model_get_item (known, i);

      gtk_list_store_insert_with_values (store, NULL, -1, 0, kith_tag_get_name (tag), -1);
    }
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (store));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_inline_completion (completion, TRUE);
  gtk_entry_set_completion (self->tag_entry, completion);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* Following the record */

static const char *
segment_key (gpointer item)
{
  return kith_segment_get_key (item);
}

static const char *
stage_key (gpointer item)
{
  return kith_stage_get_key (item);
}

/* Shows the record's segment and stage, that stage's steps and the fields in scope */
static void
update_segment (KithRelationshipEditor *self)
{
  KithSegment *segment;
  GListModel *stages;
  guint selected;

  if (self->record == NULL || self->segments == NULL)
    return;

  segment = current_segment (self);
  stages = segment != NULL ? kith_segment_get_stages (segment) : NULL;

  self->building = TRUE;
  gtk_filter_changed (self->segment_filter, GTK_FILTER_CHANGE_DIFFERENT);
  selected = index_of_key (adw_combo_row_get_model (self->segment_row), kith_record_get_segment (self->record), segment_key);
  adw_combo_row_set_selected (self->segment_row, selected != GTK_INVALID_LIST_POSITION ? selected : 0);
  if (adw_combo_row_get_model (self->stage_row) != stages)
    adw_combo_row_set_model (self->stage_row, stages);
  gtk_widget_set_visible (GTK_WIDGET (self->stage_row), stages != NULL);
  if (stages != NULL)
    {
      selected = index_of_key (stages, kith_record_get_stage (self->record), stage_key);
      adw_combo_row_set_selected (self->stage_row, selected != GTK_INVALID_LIST_POSITION ? selected : 0);
    }
  /* Rows made again only for another checklist, so that the keyboard stays in this one */
  if (self->steps_shown != current_steps (self))
    {
      self->steps_shown = current_steps (self);
      gtk_list_box_bind_model (self->steps_list, self->steps_shown, create_step_row, self, NULL);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->steps_list), self->steps_shown != NULL &&
                                                         g_list_model_get_n_items (self->steps_shown) > 0);
  self->building = FALSE;

  update_steps (self);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithRelationshipEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) segments = NULL;
  g_autoptr(GListModel) fields = NULL;
  g_autoptr(GListModel) tags = NULL;
  g_autoptr(GListStore) none = NULL;
  g_autoptr(KithSegment) none_segment = NULL;
  g_autoptr(GtkFilterListModel) usable = NULL;

  if (!kith_store_load_relationship_finish (KITH_STORE (source), result, &segments, &fields, &tags, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  g_set_object (&self->segments, segments);
  g_list_store_remove_all (self->segment_choices);
  none = g_list_store_new (KITH_TYPE_SEGMENT);
  none_segment = kith_segment_new_none (_("None"));
  g_list_store_append (none, none_segment);
  g_list_store_append (self->segment_choices, none);
  usable = gtk_filter_list_model_new (g_object_ref (segments), g_object_ref (self->segment_filter));
  g_list_store_append (self->segment_choices, usable);
  kith_custom_fields_group_set_fields (self->fields_group, fields);
  set_known_tags (self, tags);

  self->building = TRUE;
  if (adw_combo_row_get_model (self->segment_row) == NULL)
    adw_combo_row_set_model (self->segment_row,
                             G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (g_object_ref (self->segment_choices)))));
  self->building = FALSE;
  update_segment (self);
}

/* Segments and fields depend on the kind of record: loaded once for each */
static void
load (KithRelationshipEditor *self)
{
  KithRecordKind kind;

  if (self->store == NULL || self->record == NULL)
    return;

  kind = kith_record_get_kind (self->record);
  if (kind == self->loaded_kind)
    {
      update_segment (self);
      return;
    }
  self->loaded_kind = kind;
  kith_store_load_relationship_async (self->store, kind, self->cancellable, on_loaded_cb, g_object_ref (self));
}

static void
on_record_notify_cb (KithRelationshipEditor *self,
                     GParamSpec             *pspec)
{
  if (g_str_equal (pspec->name, "keywords"))
    update_tags (self);
  else if (g_str_equal (pspec->name, "step"))
    update_steps (self);
  else
    update_segment (self);
}

static void
set_record (KithRelationshipEditor *self,
            KithRecord             *record)
{
  if (self->record == record)
    return;

  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  g_set_object (&self->record, record);
  if (record != NULL)
    {
      g_signal_connect_swapped (record, "notify::segment", G_CALLBACK (on_record_notify_cb), self);
      g_signal_connect_swapped (record, "notify::stage", G_CALLBACK (on_record_notify_cb), self);
      g_signal_connect_swapped (record, "notify::step", G_CALLBACK (on_record_notify_cb), self);
      g_signal_connect_swapped (record, "notify::keywords", G_CALLBACK (on_record_notify_cb), self);
      update_tags (self);
      /* A record of another kind needs other segments and fields */
      if (self->loaded_kind != kith_record_get_kind (record))
        {
          self->building = TRUE;
          adw_combo_row_set_model (self->segment_row, NULL);
          self->building = FALSE;
        }
      load (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

/* The class */

static void
kith_relationship_editor_dispose (GObject *object)
{
  KithRelationshipEditor *self = (KithRelationshipEditor *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->record != NULL)
    g_signal_handlers_disconnect_by_data (self->record, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_RELATIONSHIP_EDITOR);

  G_OBJECT_CLASS (kith_relationship_editor_parent_class)->dispose (object);
}

static void
kith_relationship_editor_finalize (GObject *object)
{
  KithRelationshipEditor *self = (KithRelationshipEditor *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->record);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->segments);
  g_clear_object (&self->segment_filter);
  g_clear_object (&self->segment_choices);
  g_clear_object (&self->tags);

  G_OBJECT_CLASS (kith_relationship_editor_parent_class)->finalize (object);
}

static void
kith_relationship_editor_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  KithRelationshipEditor *self = KITH_RELATIONSHIP_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_relationship_editor_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  KithRelationshipEditor *self = KITH_RELATIONSHIP_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          /* Another store has other segments */
          self->loaded_kind = KITH_RECORD_KIND_INVALID;
          load (self);
        }
      break;
    case PROP_RECORD:
      set_record (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_relationship_editor_class_init (KithRelationshipEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_relationship_editor_dispose;
  object_class->finalize = kith_relationship_editor_finalize;
  object_class->get_property = kith_relationship_editor_get_property;
  object_class->set_property = kith_relationship_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  /**
   * KithRelationshipEditor:record:
   *
   * The record edited, shared with the profile showing it.
   */
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, KITH_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KithRelationshipEditor::changed:
   *
   * The record was saved with a change.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (KITH_TYPE_CUSTOM_FIELDS_GROUP);
  g_type_ensure (KITH_TYPE_SEGMENT);
  g_type_ensure (KITH_TYPE_STAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kithcrm/Kith/ui/profile/kith-relationship-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KithRelationshipEditor, segment_row);
  gtk_widget_class_bind_template_child (widget_class, KithRelationshipEditor, stage_row);
  gtk_widget_class_bind_template_child (widget_class, KithRelationshipEditor, steps_list);
  gtk_widget_class_bind_template_child (widget_class, KithRelationshipEditor, tags_box);
  gtk_widget_class_bind_template_child (widget_class, KithRelationshipEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, KithRelationshipEditor, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, KithRelationshipEditor, fields_group);
  gtk_widget_class_bind_template_callback (widget_class, on_fields_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_segment_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stage_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_entry_activate_cb);

  gtk_widget_class_install_action (widget_class, "relationship.remove-tag", "s", remove_tag_action);
  gtk_widget_class_install_action (widget_class, "relationship.compose-step", NULL, compose_step_action);
}

static void
kith_relationship_editor_init (KithRelationshipEditor *self)
{
  self->cancellable = g_cancellable_new ();
  self->loaded_kind = KITH_RECORD_KIND_INVALID;
  self->segment_filter = GTK_FILTER (gtk_custom_filter_new (segment_usable, self, NULL));
  self->segment_choices = g_list_store_new (G_TYPE_LIST_MODEL);
  self->tags = gtk_string_list_new (NULL);

  self->building = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->building = FALSE;
  gtk_flow_box_bind_model (self->tags_box, G_LIST_MODEL (self->tags), create_tag_chip, NULL, NULL);
}

GtkWidget *
kith_relationship_editor_new (KithStore  *store,
                              KithRecord *record)
{
  return g_object_new (KITH_TYPE_RELATIONSHIP_EDITOR, "store", store, "record", record, NULL);
}

/**
 * kith_relationship_editor_get_record:
 *
 * Returns: (transfer none) (nullable): the record edited
 */
KithRecord *
kith_relationship_editor_get_record (KithRelationshipEditor *self)
{
  g_return_val_if_fail (KITH_IS_RELATIONSHIP_EDITOR (self), NULL);

  return self->record;
}
