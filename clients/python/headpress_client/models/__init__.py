"""Contains all the data models used in inputs/outputs"""

from .api_token_list import ApiTokenList
from .api_token_response import ApiTokenResponse
from .audit_action import AuditAction
from .audit_entry_list import AuditEntryList
from .audit_entry_response import AuditEntryResponse
from .block import Block
from .block_attrs import BlockAttrs
from .block_list import BlockList
from .block_partial import BlockPartial
from .block_partial_list import BlockPartialList
from .block_response import BlockResponse
from .block_usage import BlockUsage
from .block_usage_list import BlockUsageList
from .blocks_content_input import BlocksContentInput
from .change_action import ChangeAction
from .change_kind import ChangeKind
from .change_response import ChangeResponse
from .changes_meta import ChangesMeta
from .changes_page import ChangesPage
from .choice import Choice
from .content_response import ContentResponse
from .create_api_token_request import CreateApiTokenRequest
from .create_block_request import CreateBlockRequest
from .create_event_request import CreateEventRequest
from .create_field_group_request import CreateFieldGroupRequest
from .create_hierarchical_term_request import CreateHierarchicalTermRequest
from .create_page_request import CreatePageRequest
from .create_partner_request import CreatePartnerRequest
from .create_post_request import CreatePostRequest
from .create_preview_request import CreatePreviewRequest
from .create_resource_request import CreateResourceRequest
from .create_tag_request import CreateTagRequest
from .create_user_request import CreateUserRequest
from .create_webhook_request import CreateWebhookRequest
from .created_api_token_response import CreatedApiTokenResponse
from .created_partner_response import CreatedPartnerResponse
from .created_preview_response import CreatedPreviewResponse
from .created_webhook_response import CreatedWebhookResponse
from .delivery_list import DeliveryList
from .delivery_response import DeliveryResponse
from .detach_request import DetachRequest
from .embed_event_theme import EmbedEventTheme
from .embed_events_theme import EmbedEventsTheme
from .embed_post_theme import EmbedPostTheme
from .embed_resource_theme import EmbedResourceTheme
from .embed_resources_theme import EmbedResourcesTheme
from .embedded import Embedded
from .entry_core import EntryCore
from .event_fields import EventFields
from .event_fields_create import EventFieldsCreate
from .event_fields_update import EventFieldsUpdate
from .event_list import EventList
from .event_partial import EventPartial
from .event_partial_list import EventPartialList
from .event_response import EventResponse
from .field_collection import FieldCollection
from .field_def import FieldDef
from .field_error import FieldError
from .field_group_list import FieldGroupList
from .field_group_response import FieldGroupResponse
from .field_type import FieldType
from .fields_embedded import FieldsEmbedded
from .get_index_response_200 import GetIndexResponse200
from .get_openapi_fields import GetOpenapiFields
from .get_taxonomies_response_200 import GetTaxonomiesResponse200
from .get_types_response_200 import GetTypesResponse200
from .health import Health
from .health_status import HealthStatus
from .html_content_input import HtmlContentInput
from .item_kind import ItemKind
from .item_summary import ItemSummary
from .list_api_tokens_count import ListApiTokensCount
from .list_audit_action import ListAuditAction
from .list_audit_count import ListAuditCount
from .list_block_revisions_count import ListBlockRevisionsCount
from .list_block_usages_count import ListBlockUsagesCount
from .list_blocks_count import ListBlocksCount
from .list_blocks_order import ListBlocksOrder
from .list_categories_count import ListCategoriesCount
from .list_categories_order import ListCategoriesOrder
from .list_categories_orderby import ListCategoriesOrderby
from .list_event_categories_count import ListEventCategoriesCount
from .list_event_categories_order import ListEventCategoriesOrder
from .list_event_categories_orderby import ListEventCategoriesOrderby
from .list_event_occurrences_count import ListEventOccurrencesCount
from .list_event_revisions_count import ListEventRevisionsCount
from .list_events_count import ListEventsCount
from .list_events_order import ListEventsOrder
from .list_field_groups_count import ListFieldGroupsCount
from .list_media_count import ListMediaCount
from .list_meta import ListMeta
from .list_page_revisions_count import ListPageRevisionsCount
from .list_pages_count import ListPagesCount
from .list_pages_order import ListPagesOrder
from .list_partners_count import ListPartnersCount
from .list_post_revisions_count import ListPostRevisionsCount
from .list_posts_count import ListPostsCount
from .list_posts_order import ListPostsOrder
from .list_previews_count import ListPreviewsCount
from .list_resource_revisions_count import ListResourceRevisionsCount
from .list_resource_types_count import ListResourceTypesCount
from .list_resource_types_order import ListResourceTypesOrder
from .list_resource_types_orderby import ListResourceTypesOrderby
from .list_resources_count import ListResourcesCount
from .list_resources_order import ListResourcesOrder
from .list_tags_count import ListTagsCount
from .list_tags_order import ListTagsOrder
from .list_tags_orderby import ListTagsOrderby
from .list_users_count import ListUsersCount
from .list_webhook_deliveries_count import ListWebhookDeliveriesCount
from .list_webhooks_count import ListWebhooksCount
from .location import Location
from .media_list import MediaList
from .media_response import MediaResponse
from .next_occurrence import NextOccurrence
from .o_embed_response import OEmbedResponse
from .occurrence_list import OccurrenceList
from .occurrence_response import OccurrenceResponse
from .open_api_document import OpenApiDocument
from .open_api_document_info import OpenApiDocumentInfo
from .organizer import Organizer
from .page_fields import PageFields
from .page_fields_create import PageFieldsCreate
from .page_fields_update import PageFieldsUpdate
from .page_list import PageList
from .page_partial import PagePartial
from .page_partial_list import PagePartialList
from .page_response import PageResponse
from .partner_list import PartnerList
from .partner_response import PartnerResponse
from .post_fields import PostFields
from .post_fields_create import PostFieldsCreate
from .post_fields_update import PostFieldsUpdate
from .post_list import PostList
from .post_partial import PostPartial
from .post_partial_list import PostPartialList
from .post_response import PostResponse
from .preview_list import PreviewList
from .preview_response import PreviewResponse
from .problem import Problem
from .public_user import PublicUser
from .resource_fields import ResourceFields
from .resource_fields_create import ResourceFieldsCreate
from .resource_fields_update import ResourceFieldsUpdate
from .resource_list import ResourceList
from .resource_partial import ResourcePartial
from .resource_partial_list import ResourcePartialList
from .resource_response import ResourceResponse
from .revision_list import RevisionList
from .revision_response import RevisionResponse
from .role import Role
from .scope import Scope
from .site_status import SiteStatus
from .status import Status
from .sync_status_response import SyncStatusResponse
from .term_list import TermList
from .term_response import TermResponse
from .term_response_count_by_kind import TermResponseCountByKind
from .token_request import TokenRequest
from .token_response import TokenResponse
from .update_block_request import UpdateBlockRequest
from .update_event_request import UpdateEventRequest
from .update_field_group_request import UpdateFieldGroupRequest
from .update_hierarchical_term_request import UpdateHierarchicalTermRequest
from .update_media_request import UpdateMediaRequest
from .update_page_request import UpdatePageRequest
from .update_partner_request import UpdatePartnerRequest
from .update_post_request import UpdatePostRequest
from .update_resource_request import UpdateResourceRequest
from .update_tag_request import UpdateTagRequest
from .update_user_request import UpdateUserRequest
from .update_webhook_request import UpdateWebhookRequest
from .upload_form import UploadForm
from .user_list import UserList
from .user_response import UserResponse
from .venue import Venue
from .webhook_list import WebhookList
from .webhook_response import WebhookResponse
from .wp_content import WpContent
from .wp_content_acf import WpContentAcf
from .wp_content_embedded_type_0 import WpContentEmbeddedType0
from .wp_content_links import WpContentLinks
from .wp_error import WpError
from .wp_error_data import WpErrorData
from .wp_media import WpMedia
from .wp_media_links import WpMediaLinks
from .wp_media_media_details import WpMediaMediaDetails
from .wp_rendered import WpRendered
from .wp_rendered_open import WpRenderedOpen
from .wp_search_result import WpSearchResult
from .wp_search_result_embedded_type_0 import WpSearchResultEmbeddedType0
from .wp_search_result_links import WpSearchResultLinks
from .wp_term import WpTerm
from .wp_term_links import WpTermLinks
from .wp_user import WpUser
from .wp_user_avatar_urls import WpUserAvatarUrls
from .wp_user_links import WpUserLinks

__all__ = (
    "ApiTokenList",
    "ApiTokenResponse",
    "AuditAction",
    "AuditEntryList",
    "AuditEntryResponse",
    "Block",
    "BlockAttrs",
    "BlockList",
    "BlockPartial",
    "BlockPartialList",
    "BlockResponse",
    "BlocksContentInput",
    "BlockUsage",
    "BlockUsageList",
    "ChangeAction",
    "ChangeKind",
    "ChangeResponse",
    "ChangesMeta",
    "ChangesPage",
    "Choice",
    "ContentResponse",
    "CreateApiTokenRequest",
    "CreateBlockRequest",
    "CreatedApiTokenResponse",
    "CreatedPartnerResponse",
    "CreatedPreviewResponse",
    "CreatedWebhookResponse",
    "CreateEventRequest",
    "CreateFieldGroupRequest",
    "CreateHierarchicalTermRequest",
    "CreatePageRequest",
    "CreatePartnerRequest",
    "CreatePostRequest",
    "CreatePreviewRequest",
    "CreateResourceRequest",
    "CreateTagRequest",
    "CreateUserRequest",
    "CreateWebhookRequest",
    "DeliveryList",
    "DeliveryResponse",
    "DetachRequest",
    "Embedded",
    "EmbedEventsTheme",
    "EmbedEventTheme",
    "EmbedPostTheme",
    "EmbedResourcesTheme",
    "EmbedResourceTheme",
    "EntryCore",
    "EventFields",
    "EventFieldsCreate",
    "EventFieldsUpdate",
    "EventList",
    "EventPartial",
    "EventPartialList",
    "EventResponse",
    "FieldCollection",
    "FieldDef",
    "FieldError",
    "FieldGroupList",
    "FieldGroupResponse",
    "FieldsEmbedded",
    "FieldType",
    "GetIndexResponse200",
    "GetOpenapiFields",
    "GetTaxonomiesResponse200",
    "GetTypesResponse200",
    "Health",
    "HealthStatus",
    "HtmlContentInput",
    "ItemKind",
    "ItemSummary",
    "ListApiTokensCount",
    "ListAuditAction",
    "ListAuditCount",
    "ListBlockRevisionsCount",
    "ListBlocksCount",
    "ListBlocksOrder",
    "ListBlockUsagesCount",
    "ListCategoriesCount",
    "ListCategoriesOrder",
    "ListCategoriesOrderby",
    "ListEventCategoriesCount",
    "ListEventCategoriesOrder",
    "ListEventCategoriesOrderby",
    "ListEventOccurrencesCount",
    "ListEventRevisionsCount",
    "ListEventsCount",
    "ListEventsOrder",
    "ListFieldGroupsCount",
    "ListMediaCount",
    "ListMeta",
    "ListPageRevisionsCount",
    "ListPagesCount",
    "ListPagesOrder",
    "ListPartnersCount",
    "ListPostRevisionsCount",
    "ListPostsCount",
    "ListPostsOrder",
    "ListPreviewsCount",
    "ListResourceRevisionsCount",
    "ListResourcesCount",
    "ListResourcesOrder",
    "ListResourceTypesCount",
    "ListResourceTypesOrder",
    "ListResourceTypesOrderby",
    "ListTagsCount",
    "ListTagsOrder",
    "ListTagsOrderby",
    "ListUsersCount",
    "ListWebhookDeliveriesCount",
    "ListWebhooksCount",
    "Location",
    "MediaList",
    "MediaResponse",
    "NextOccurrence",
    "OccurrenceList",
    "OccurrenceResponse",
    "OEmbedResponse",
    "OpenApiDocument",
    "OpenApiDocumentInfo",
    "Organizer",
    "PageFields",
    "PageFieldsCreate",
    "PageFieldsUpdate",
    "PageList",
    "PagePartial",
    "PagePartialList",
    "PageResponse",
    "PartnerList",
    "PartnerResponse",
    "PostFields",
    "PostFieldsCreate",
    "PostFieldsUpdate",
    "PostList",
    "PostPartial",
    "PostPartialList",
    "PostResponse",
    "PreviewList",
    "PreviewResponse",
    "Problem",
    "PublicUser",
    "ResourceFields",
    "ResourceFieldsCreate",
    "ResourceFieldsUpdate",
    "ResourceList",
    "ResourcePartial",
    "ResourcePartialList",
    "ResourceResponse",
    "RevisionList",
    "RevisionResponse",
    "Role",
    "Scope",
    "SiteStatus",
    "Status",
    "SyncStatusResponse",
    "TermList",
    "TermResponse",
    "TermResponseCountByKind",
    "TokenRequest",
    "TokenResponse",
    "UpdateBlockRequest",
    "UpdateEventRequest",
    "UpdateFieldGroupRequest",
    "UpdateHierarchicalTermRequest",
    "UpdateMediaRequest",
    "UpdatePageRequest",
    "UpdatePartnerRequest",
    "UpdatePostRequest",
    "UpdateResourceRequest",
    "UpdateTagRequest",
    "UpdateUserRequest",
    "UpdateWebhookRequest",
    "UploadForm",
    "UserList",
    "UserResponse",
    "Venue",
    "WebhookList",
    "WebhookResponse",
    "WpContent",
    "WpContentAcf",
    "WpContentEmbeddedType0",
    "WpContentLinks",
    "WpError",
    "WpErrorData",
    "WpMedia",
    "WpMediaLinks",
    "WpMediaMediaDetails",
    "WpRendered",
    "WpRenderedOpen",
    "WpSearchResult",
    "WpSearchResultEmbeddedType0",
    "WpSearchResultLinks",
    "WpTerm",
    "WpTermLinks",
    "WpUser",
    "WpUserAvatarUrls",
    "WpUserLinks",
)
