//! The desktop behind `typed_desktop`: the generated traits implemented over the reference model
//! (see `main.rs`). A module of its own so that `benches/typed_adapter.rs` measures the very same
//! code.

// The traits include the vendor's deprecated methods; implementing them is the point.
#![allow(deprecated)]

use adcontract::latest::{self, embedded, widget};
use adcontract::schema::ir::ApiId;
use adcontract_conformance::adapter::HarnessError;
use adcontract_conformance::adapter::typed::Scene;
use adcontract_conformance::contract::{Spec, canonical_source};
use adcontract_conformance::reference::model::Model;
use adcontract_conformance::wire::Emitted;
use adcontract_conformance::wire::scene::Fixture;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// One API's fake desktop; `C` is the generated `Call` of that API.
pub(crate) struct Desktop<C> {
    api: ApiId,
    spec: &'static Spec,
    model: Model,
    pending: Vec<Emitted>,
    broken: bool,
    call: std::marker::PhantomData<C>,
}

impl<C: serde::Serialize> Desktop<C> {
    pub(crate) fn new(api: ApiId, broken: bool) -> Self {
        // The embedded canonical contract always compiles (adcontract's own tests prove it).
        let spec = canonical_source("latest").unwrap_or_else(|e| panic!("{e}"));
        Desktop {
            api,
            spec,
            model: Model::new(api, "latest"),
            pending: Vec::new(),
            broken,
            call: std::marker::PhantomData,
        }
    }

    /// Answers a typed call: back to JSON, through the model, and into the typed answer.
    fn forward<R: DeserializeOwned>(&mut self, call: C) -> R {
        let envelope = serde_json::to_value(&call).unwrap_or_default();
        let wire = envelope["name"].as_str().unwrap_or_default();
        let args = envelope["args"].as_array().cloned().unwrap_or_default();
        let method = self
            .spec
            .api(self.api)
            .and_then(|a| a.methods.iter().find(|m| m.wire == wire))
            .map(|m| m.name.clone())
            .unwrap_or_default();
        let outcome = self.model.call(self.spec, &method, &args);
        self.pending.extend(outcome.events);
        // A model answer that does not fit the bindings' type is a bug worth a crash verdict.
        serde_json::from_value(outcome.result.unwrap_or(Value::Null))
            .unwrap_or_else(|e| panic!("{method}: the answer does not fit its type: {e}"))
    }

    fn restart(&mut self) {
        self.model = Model::new(self.api, "latest");
        self.pending.clear();
    }

    fn apply(&mut self, fixture: &Fixture) -> Result<(), HarnessError> {
        // The model reads fixtures as JSON: hand it the typed one's arguments back.
        let json = serde_json::to_value(fixture).map_err(|e| e.to_string())?;
        let events = self
            .model
            .fixture(fixture.name(), &json["args"])
            .map_err(|e| e.to_string())?;
        self.pending.extend(events);
        Ok(())
    }

    /// The pending events as the typed `Event` of the API (an event the contract does not list
    /// becomes `Event::Unknown`, and the suite says so).
    fn typed_events<E: DeserializeOwned>(&mut self) -> Vec<E> {
        self.pending
            .drain(..)
            .map(|e| {
                serde_json::from_value(json!({ "name": e.event, "args": e.args })).unwrap_or_else(
                    |err| panic!("{}: the event does not fit its type: {err}", e.event),
                )
            })
            .collect()
    }
}

impl Scene<widget::Binding> for Desktop<widget::Call> {
    fn reset(&mut self) -> Result<(), HarnessError> {
        self.restart();
        Ok(())
    }

    fn fixture(&mut self, fixture: &Fixture) -> Result<(), HarnessError> {
        self.apply(fixture)
    }

    fn take_events(&mut self) -> Vec<widget::Event> {
        let mut events: Vec<widget::Event> = self.typed_events();
        if self.broken {
            for event in &mut events {
                if let widget::Event::OnNewInteraction { new_interaction } = event {
                    if new_interaction.r#type == latest::InteractionType::Chat {
                        new_interaction.call_muted = true;
                    }
                }
            }
        }
        events
    }
}

impl Scene<embedded::Binding> for Desktop<embedded::Call> {
    fn reset(&mut self) -> Result<(), HarnessError> {
        self.restart();
        Ok(())
    }

    fn fixture(&mut self, fixture: &Fixture) -> Result<(), HarnessError> {
        self.apply(fixture)
    }

    fn take_events(&mut self) -> Vec<embedded::Event> {
        self.typed_events()
    }
}

mod widget_impl {
    use super::Desktop;
    use adcontract::latest::widget::{self, Call};
    use adcontract::latest::*;

    impl widget::AgentDesktop for Desktop<widget::Call> {
        fn get_login_state(&mut self) -> OperationResult<LoginStateData> {
            self.forward(Call::GetLoginState {})
        }
        fn login(&mut self, login_data: LoginData, force: Option<bool>) -> OperationResult<()> {
            self.forward(Call::Login { login_data, force })
        }
        fn open_login(&mut self) -> OperationResult<()> {
            self.forward(Call::OpenLogin {})
        }
        fn logout(&mut self) -> OperationResult<()> {
            self.forward(Call::Logout {})
        }
        fn get_agent_state(&mut self) -> OperationResult<AgentStateData> {
            self.forward(Call::GetAgentState {})
        }
        fn set_agent_state(
            &mut self,
            state: AgentState,
            not_ready_reason: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::SetAgentState {
                state,
                not_ready_reason,
            })
        }
        fn accept_interaction(&mut self, interaction_id: Option<String>) -> OperationResult<()> {
            self.forward(Call::AcceptInteraction { interaction_id })
        }
        fn reject_interaction(&mut self, interaction_id: Option<String>) -> OperationResult<()> {
            self.forward(Call::RejectInteraction { interaction_id })
        }
        fn start_call(
            &mut self,
            phonenumber: String,
            associated_objects: Option<InitialObjects>,
        ) -> OperationResult<InitiateResult> {
            self.forward(Call::StartCall {
                phonenumber,
                associated_objects,
            })
        }
        fn start_chat(
            &mut self,
            channel: ChatChannelType,
            address: String,
            associated_objects: Option<InitialObjects>,
        ) -> OperationResult<InitiateResult> {
            self.forward(Call::StartChat {
                channel,
                address,
                associated_objects,
            })
        }
        fn start_email(
            &mut self,
            email: String,
            associated_objects: Option<InitialObjects>,
        ) -> OperationResult<InitiateResult> {
            self.forward(Call::StartEmail {
                email,
                associated_objects,
            })
        }
        fn send_dtmf(
            &mut self,
            dtmf: String,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::SendDtmf {
                dtmf,
                interaction_id,
            })
        }
        fn consult_call(&mut self, phone: String) -> OperationResult<()> {
            self.forward(Call::ConsultCall { phone })
        }
        fn blind_transfer(
            &mut self,
            phone: String,
            custom_transfer_data: Option<CustomTransferData>,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::BlindTransfer {
                phone,
                custom_transfer_data,
                interaction_id,
            })
        }
        fn transfer(
            &mut self,
            custom_transfer_data: Option<CustomTransferData>,
        ) -> OperationResult<()> {
            self.forward(Call::Transfer {
                custom_transfer_data,
            })
        }
        fn leave_interaction(&mut self, interaction_id: Option<String>) -> OperationResult<()> {
            self.forward(Call::LeaveInteraction { interaction_id })
        }
        fn complete_interaction(&mut self, interaction_id: Option<String>) -> OperationResult<()> {
            self.forward(Call::CompleteInteraction { interaction_id })
        }
        fn leave_and_complete_interaction(
            &mut self,
            disposition: Option<String>,
            note: Option<String>,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::LeaveAndCompleteInteraction {
                disposition,
                note,
                interaction_id,
            })
        }
        fn switch_active_interaction(&mut self, interaction_id: String) -> OperationResult<()> {
            self.forward(Call::SwitchActiveInteraction { interaction_id })
        }
        fn invite_to_call_conference(
            &mut self,
            phone: String,
            custom_transfer_data: Option<CustomTransferData>,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::InviteToCallConference {
                phone,
                custom_transfer_data,
                interaction_id,
            })
        }
        fn remove_from_call_conference(
            &mut self,
            party_id: String,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::RemoveFromCallConference {
                party_id,
                interaction_id,
            })
        }
        fn destroy_call_conference(
            &mut self,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::DestroyCallConference { interaction_id })
        }
        fn invite_to_chat_conference(
            &mut self,
            party_id: String,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::InviteToChatConference {
                party_id,
                interaction_id,
            })
        }
        fn remove_from_chat_conference(
            &mut self,
            party_id: String,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::RemoveFromChatConference {
                party_id,
                interaction_id,
            })
        }
        fn merge_all_calls_into_conference(
            &mut self,
            custom_transfer_data: Option<CustomTransferData>,
        ) -> OperationResult<()> {
            self.forward(Call::MergeAllCallsIntoConference {
                custom_transfer_data,
            })
        }
        fn get_teams(&mut self) -> OperationResult<Vec<Team>> {
            self.forward(Call::GetTeams {})
        }
        fn get_team_members(&mut self, team_id: String) -> OperationResult<Vec<User>> {
            self.forward(Call::GetTeamMembers { team_id })
        }
        fn get_services_list(&mut self) -> OperationResult<Vec<ServiceData>> {
            self.forward(Call::GetServicesList {})
        }
        fn get_service(&mut self) -> OperationResult<Option<ServiceData>> {
            self.forward(Call::GetService {})
        }
        fn set_service(&mut self, service: Option<String>) -> OperationResult<()> {
            self.forward(Call::SetService { service })
        }
        fn get_did_numbers_list(&mut self) -> OperationResult<Vec<DIDNumber>> {
            self.forward(Call::GetDidNumbersList {})
        }
        fn get_did_number(&mut self) -> OperationResult<Option<DIDNumber>> {
            self.forward(Call::GetDidNumber {})
        }
        fn set_did_number(&mut self, did: Option<String>) -> OperationResult<()> {
            self.forward(Call::SetDidNumber { did })
        }
        fn get_dispositions_list(
            &mut self,
            target: DispositionTarget,
        ) -> OperationResult<Vec<DispositionData>> {
            self.forward(Call::GetDispositionsList { target })
        }
        fn set_disposition(
            &mut self,
            disposition: String,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::SetDisposition {
                disposition,
                interaction_id,
            })
        }
        fn set_reschedule_window(
            &mut self,
            reschedule_data: RescheduleData,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::SetRescheduleWindow {
                reschedule_data,
                interaction_id,
            })
        }
        fn add_note(
            &mut self,
            note: String,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::AddNote {
                note,
                interaction_id,
            })
        }
        fn update_note(
            &mut self,
            note: String,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::UpdateNote {
                note,
                interaction_id,
            })
        }
        fn replace_note(
            &mut self,
            note: String,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::ReplaceNote {
                note,
                interaction_id,
            })
        }
        fn get_config(&mut self) -> OperationResult<IntegrationConfig> {
            self.forward(Call::GetConfig {})
        }
        fn get_variables(
            &mut self,
            keys: Vec<String>,
            interaction_id: Option<String>,
        ) -> OperationResult<std::collections::BTreeMap<String, String>> {
            self.forward(Call::GetVariables {
                keys,
                interaction_id,
            })
        }
        fn set_variable(
            &mut self,
            key: String,
            value: String,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::SetVariable {
                key,
                value,
                interaction_id,
            })
        }
        fn add_interaction_associated_object(
            &mut self,
            object: InteractionAssociatedObjectData,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::AddInteractionAssociatedObject {
                object,
                interaction_id,
            })
        }
        fn set_interaction_active_screen(
            &mut self,
            screen_data: InteractionScreen,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::SetInteractionActiveScreen {
                screen_data,
                interaction_id,
            })
        }
        fn get_phone_devices_list(&mut self) -> OperationResult<Vec<PhoneDevice>> {
            self.forward(Call::GetPhoneDevicesList {})
        }
        fn get_phone_device(&mut self) -> OperationResult<PhoneDeviceData> {
            self.forward(Call::GetPhoneDevice {})
        }
        fn set_phone_device(&mut self, phone_device: PhoneDeviceData) -> OperationResult<()> {
            self.forward(Call::SetPhoneDevice { phone_device })
        }
        fn set_call_hold(
            &mut self,
            state: bool,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::SetCallHold {
                state,
                interaction_id,
            })
        }
        fn set_call_recording(
            &mut self,
            state: bool,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::SetCallRecording {
                state,
                interaction_id,
            })
        }
        fn set_call_mute(
            &mut self,
            state: bool,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::SetCallMute {
                state,
                interaction_id,
            })
        }
        fn set_screen_recording_mute(&mut self, state: bool) -> OperationResult<()> {
            self.forward(Call::SetScreenRecordingMute { state })
        }
        fn get_screen_recording_state(&mut self) -> OperationResult<ScreenRecordingState> {
            self.forward(Call::GetScreenRecordingState {})
        }
        fn set_widget_minimized(&mut self, state: bool) -> OperationResult<()> {
            self.forward(Call::SetWidgetMinimized { state })
        }
        fn send_chat_message(
            &mut self,
            message: String,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::SendChatMessage {
                message,
                interaction_id,
            })
        }
        fn suggest_chat_message(
            &mut self,
            message: String,
            allow_overwrite: Option<bool>,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::SuggestChatMessage {
                message,
                allow_overwrite,
                interaction_id,
            })
        }
        fn get_agent_not_ready_reasons(&mut self) -> OperationResult<Vec<String>> {
            self.forward(Call::GetAgentNotReadyReasons {})
        }
        fn activate_page(&mut self) -> OperationResult<()> {
            self.forward(Call::ActivatePage {})
        }
        fn get_interactions_state(&mut self) -> OperationResult<InteractionsState> {
            self.forward(Call::GetInteractionsState {})
        }
        fn set_call_recording_mute(
            &mut self,
            state: bool,
            interaction_id: Option<String>,
        ) -> OperationResult<()> {
            self.forward(Call::SetCallRecordingMute {
                state,
                interaction_id,
            })
        }
        fn set_dial_candidates(&mut self, candidates: Vec<DialCandidate>) -> OperationResult<()> {
            self.forward(Call::SetDialCandidates { candidates })
        }
    }
}

mod embedded_impl {
    use super::Desktop;
    use adcontract::latest::embedded::{self, Call};
    use adcontract::latest::*;

    impl embedded::AgentDesktop for Desktop<embedded::Call> {
        fn init(&mut self, url: String) {
            self.forward::<()>(Call::Init { url });
        }
        fn get_state(&mut self) -> Option<EmbeddedAgentState> {
            self.forward(Call::GetState {})
        }
        fn set_status(&mut self, status: String, reason: Option<String>) {
            self.forward::<()>(Call::SetStatus { status, reason });
        }
        fn dial_number(&mut self, phone_number: String) {
            self.forward::<()>(Call::DialNumber { phone_number });
        }
        fn select_service(&mut self, name: String) {
            self.forward::<()>(Call::SelectService { name });
        }
        fn single_step_transfer(&mut self, phone_number: String) {
            self.forward::<()>(Call::SingleStepTransfer { phone_number });
        }
        fn single_step_conference(&mut self, phone_number: String) {
            self.forward::<()>(Call::SingleStepConference { phone_number });
        }
        fn set_disposition(&mut self, item_id: String, disposition_code: String) {
            self.forward::<()>(Call::SetDisposition {
                item_id,
                disposition_code,
            });
        }
        fn set_disposition_by_name(&mut self, item_id: String, disposition_name: String) {
            self.forward::<()>(Call::SetDispositionByName {
                item_id,
                disposition_name,
            });
        }
        fn terminate_interaction(&mut self, item_id: String) {
            self.forward::<()>(Call::TerminateInteraction { item_id });
        }
        fn complete_interaction(&mut self, item_id: String) {
            self.forward::<()>(Call::CompleteInteraction { item_id });
        }
        fn complete_interaction_with_disp(
            &mut self,
            item_id: String,
            disposition_code: String,
            notes: Option<String>,
        ) {
            self.forward::<()>(Call::CompleteInteractionWithDisp {
                item_id,
                disposition_code,
                notes,
            });
        }
        fn set_reschedule_window(
            &mut self,
            item_id: String,
            phone_number: String,
            from_date: String,
            to_date: String,
            timezone: Option<String>,
        ) {
            self.forward::<()>(Call::SetRescheduleWindow {
                item_id,
                phone_number,
                from_date,
                to_date,
                timezone,
            });
        }
        fn mute_call_recordings(&mut self) {
            self.forward::<()>(Call::MuteCallRecordings {});
        }
        fn unmute_call_recordings(&mut self) {
            self.forward::<()>(Call::UnmuteCallRecordings {});
        }
        fn get_call_recording_status(
            &mut self,
            item_id: String,
        ) -> Option<EmbeddedCallRecordingStatus> {
            self.forward(Call::GetCallRecordingStatus { item_id })
        }
        fn start_call_recording(&mut self, item_id: String) -> Option<EmbeddedCallRecordingStatus> {
            self.forward(Call::StartCallRecording { item_id })
        }
        fn stop_call_recording(&mut self, item_id: String) -> Option<EmbeddedCallRecordingStatus> {
            self.forward(Call::StopCallRecording { item_id })
        }
        fn mute_call_recording(&mut self, item_id: String) -> Option<EmbeddedCallRecordingStatus> {
            self.forward(Call::MuteCallRecording { item_id })
        }
        fn unmute_call_recording(
            &mut self,
            item_id: String,
        ) -> Option<EmbeddedCallRecordingStatus> {
            self.forward(Call::UnmuteCallRecording { item_id })
        }
        fn logout(&mut self) {
            self.forward::<()>(Call::Logout {});
        }
        fn post_variable(&mut self, item_id: String, name: String, value: String) {
            self.forward::<()>(Call::PostVariable {
                item_id,
                name,
                value,
            });
        }
        fn set_notes(&mut self, item_id: String, notes: String) {
            self.forward::<()>(Call::SetNotes { item_id, notes });
        }
        fn get_screen_recording_status(&mut self, item_id: String) {
            self.forward::<()>(Call::GetScreenRecordingStatus { item_id });
        }
        fn mute_screen_recording(&mut self, item_id: String) {
            self.forward::<()>(Call::MuteScreenRecording { item_id });
        }
        fn unmute_screen_recording(&mut self, item_id: String) {
            self.forward::<()>(Call::UnmuteScreenRecording { item_id });
        }
        fn stop_screen_recording(&mut self, item_id: String) {
            self.forward::<()>(Call::StopScreenRecording { item_id });
        }
        fn mute_screen_recordings(&mut self) {
            self.forward::<()>(Call::MuteScreenRecordings {});
        }
        fn unmute_screen_recordings(&mut self) {
            self.forward::<()>(Call::UnmuteScreenRecordings {});
        }
    }
}
